import { Events } from '../events/catalog.js';
import type { OrderStatus } from '../fields/order-status.js';

/** How far along the order's state machine a status is: PENDING 0 → CONFIRMED 1 → one final state 2. */
export const ORDER_STATUS_STAGES: Readonly<Record<OrderStatus, number>> = {
  PENDING: 0,
  CONFIRMED: 1,
  SHIPPED: 2,
  REJECTED: 2,
  CANCELLED: 2,
};

/** The statuses an order never leaves. */
export const FINAL_ORDER_STATUSES: readonly OrderStatus[] = ['SHIPPED', 'REJECTED', 'CANCELLED'];

/**
 * The status each order event puts its order in. Only the order service's
 * events set one; a reader that derives the status from events (history's
 * summary, the gateway's order streams) moves it forward by stage, never back,
 * since events of one order can reach it out of order.
 */
const STATUS_SET_BY_TYPE: ReadonlyMap<string, OrderStatus> = new Map<string, OrderStatus>([
  [Events.orderPlacedV1.type, 'PENDING'],
  [Events.orderConfirmedV1.type, 'CONFIRMED'],
  [Events.orderShippedV1.type, 'SHIPPED'],
  [Events.orderRejectedV1.type, 'REJECTED'],
  [Events.orderCancelledV1.type, 'CANCELLED'],
]);

/** The order service's event types: the only ones that set a status. */
export const ORDER_STATUS_EVENT_TYPES: readonly string[] = [...STATUS_SET_BY_TYPE.keys()];

/** The status an event of this ce_type sets, if any. */
export function orderStatusSetBy(type: string): OrderStatus | undefined {
  return STATUS_SET_BY_TYPE.get(type);
}

export function isFinalOrderStatus(status: OrderStatus): boolean {
  return ORDER_STATUS_STAGES[status] === ORDER_STATUS_STAGES.SHIPPED;
}
