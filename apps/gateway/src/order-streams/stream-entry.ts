import type { TimelineEntry } from '@shop/event-contracts';

/** A timeline entry as the stream sends it: without the event's data (GET /orders/:id/timeline has it). */
export type StreamEntry = Pick<TimelineEntry, 'eventId' | 'type' | 'source' | 'time' | 'summary'>;

export function streamEntryOf({ eventId, type, source, time, summary }: StreamEntry): StreamEntry {
  return { eventId, type, source, time, ...(summary !== undefined && { summary }) };
}

/** History's order: by time (ce_time), then event id. */
export function compareEntries(a: StreamEntry, b: StreamEntry): number {
  return Date.parse(a.time) - Date.parse(b.time) || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}
