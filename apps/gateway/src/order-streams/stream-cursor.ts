import type { StreamEntry } from './stream-entry.js';

/** Where a client is: the sort key of the last entry it received, as the entry's SSE `id`. */
export interface StreamCursor {
  timeMs: number;
  eventId: string;
}

/** `<ce_time in epoch ms>_<event id>`: what a client sends back as Last-Event-ID. */
export function cursorOf(entry: StreamEntry): string {
  return `${Date.parse(entry.time)}_${entry.eventId}`;
}

/** The cursor in a Last-Event-ID, or undefined for none or one this gateway did not write (the client gets everything). */
export function parseCursor(lastEventId: string | undefined): StreamCursor | undefined {
  const match = lastEventId === undefined ? null : /^(\d{1,15})_([\w-]{1,100})$/.exec(lastEventId.trim());
  return match ? { timeMs: Number(match[1]), eventId: match[2]! } : undefined;
}

/**
 * Which entries a reconnecting client is sent again: every one stamped no
 * earlier than `marginMs` before its cursor (docs/adr/0003-order-event-stream.md).
 * An entry it missed reached the gateway after the cursor's did, so it is
 * stamped no earlier than the cursor minus that entry's lag (its time from
 * ce_time to the gateway's feed or to history): within the margin, nothing
 * is missed. The client drops the ids it already has.
 */
export function replayedAfter(cursor: StreamCursor | undefined, marginMs: number): (entry: StreamEntry) => boolean {
  if (cursor === undefined) return () => true;
  const from = cursor.timeMs - marginMs;
  return (entry) => Date.parse(entry.time) >= from;
}
