import type { RecordedEvent } from './recorded-event.js';

/**
 * The greatest of `events` by `rank`, then ce_time, then ce_id. That is a total
 * order, so the winner of a set is the same whatever order its events arrived in.
 */
export function winningEvent<Event extends RecordedEvent>(
  events: readonly Event[],
  rank: (event: Event) => number,
): Event | undefined {
  let winner: Event | undefined;
  for (const event of events) {
    if (!winner || compare(event, winner, rank) > 0) winner = event;
  }
  return winner;
}

function compare<Event extends RecordedEvent>(a: Event, b: Event, rank: (event: Event) => number): number {
  return (
    rank(a) - rank(b) ||
    a.occurredAt.getTime() - b.occurredAt.getTime() ||
    (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
  );
}
