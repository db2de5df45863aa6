import { Events, type OrderStatus } from '@shop/event-contracts';
import type { RecordedEvent } from './recorded-event.js';
import { winningEvent } from './winning-event.js';

/**
 * The status each order event puts its order in, and how far along the state
 * machine that is: PENDING → CONFIRMED → one final state (SHIPPED, REJECTED or CANCELLED).
 */
const STATUS_BY_TYPE: ReadonlyMap<string, { status: OrderStatus; stage: number }> = new Map([
  [Events.orderPlacedV1.type, { status: 'PENDING', stage: 0 }],
  [Events.orderConfirmedV1.type, { status: 'CONFIRMED', stage: 1 }],
  [Events.orderShippedV1.type, { status: 'SHIPPED', stage: 2 }],
  [Events.orderRejectedV1.type, { status: 'REJECTED', stage: 2 }],
  [Events.orderCancelledV1.type, { status: 'CANCELLED', stage: 2 }],
]);

/** The order service's events: the only ones that set a status (and name the customer). */
export const ORDER_EVENT_TYPES: readonly string[] = [...STATUS_BY_TYPE.keys()];

export function statusSetBy(type: string): OrderStatus | undefined {
  return STATUS_BY_TYPE.get(type)?.status;
}

/**
 * The order event that decides the status: the furthest along the state
 * machine; among equally far ones (final states, which a correct order service
 * never mixes) the latest by ce_time, then the greatest ce_id. Stage first
 * rather than time alone, because two events of one order can share a
 * millisecond, and because it needs no trust in clocks.
 */
export function decidingOrderEvent<Event extends RecordedEvent>(events: readonly Event[]): Event | undefined {
  const orderEvents = events.filter((event) => STATUS_BY_TYPE.has(event.type));
  return winningEvent(orderEvents, (event) => STATUS_BY_TYPE.get(event.type)!.stage);
}
