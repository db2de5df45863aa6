import { ORDER_STATUS_STAGES, orderStatusSetBy } from '@shop/event-contracts';
import type { RecordedEvent } from './recorded-event.js';
import { winningEvent } from './winning-event.js';

/**
 * The order event that decides the status: the furthest along the state
 * machine; among equally far ones (final states, which a correct order service
 * never mixes) the latest by ce_time, then the greatest ce_id. Stage first
 * rather than time alone, because two events of one order can share a
 * millisecond, and because it needs no trust in clocks.
 */
export function decidingOrderEvent<Event extends RecordedEvent>(events: readonly Event[]): Event | undefined {
  const orderEvents = events.filter((event) => orderStatusSetBy(event.type) !== undefined);
  return winningEvent(orderEvents, (event) => ORDER_STATUS_STAGES[orderStatusSetBy(event.type)!]);
}
