import { Events, ORDER_STATUS_EVENT_TYPES, type OrderStatus, orderStatusSetBy } from '@shop/event-contracts';
import { decidingOrderEvent } from './order-status.js';
import type { RecordedEvent } from './recorded-event.js';
import { winningEvent } from './winning-event.js';

/** A type, not an interface: a row to write is a record of its columns (upsertAll). */
export type OrderSummaryRow = {
  orderId: string;
  customerId: string;
  email: string;
  status: OrderStatus;
  currency: string | null;
  totalCents: number | null;
  placedAt: Date;
  updatedAt: Date;
};

/** Both carry the priced total; the order service's own word wins over the inventory's. */
const PRICING_RANK: ReadonlyMap<string, number> = new Map([
  [Events.stockReservedV1.type, 0],
  [Events.orderConfirmedV1.type, 1],
]);

/** The event types a summary is derived from: recording any other type leaves it as it is. */
export const SUMMARY_SOURCE_TYPES: readonly string[] = [...new Set([...ORDER_STATUS_EVENT_TYPES, ...PRICING_RANK.keys()])];

type CustomerFields = { customerId: string; email: string };
type PricingFields = { currency: string; totalCents: number };

/**
 * An order's summary as a function of the set of its recorded events, so it is
 * the same row whatever order they arrived in, and again after a rebuild.
 * Undefined until an order event, the only kind naming the customer, is recorded.
 */
export function summarizeOrder(orderId: string, events: readonly RecordedEvent[]): OrderSummaryRow | undefined {
  const deciding = decidingOrderEvent(events);
  if (!deciding) return undefined;
  const orderEvents = events.filter((event) => orderStatusSetBy(event.type));
  const placed = orderEvents.filter((event) => event.type === Events.orderPlacedV1.type);
  const { customerId, email } = deciding.data as CustomerFields;
  const pricing = winningEvent(
    events.filter((event) => PRICING_RANK.has(event.type)),
    (event) => PRICING_RANK.get(event.type)!,
  )?.data as PricingFields | undefined;
  return {
    orderId,
    customerId,
    email,
    status: orderStatusSetBy(deciding.type)!,
    currency: pricing?.currency ?? null,
    totalCents: pricing?.totalCents ?? null,
    // Until order.placed arrives, the earliest order event stands in for it.
    placedAt: earliest(placed.length > 0 ? placed : orderEvents),
    updatedAt: latest(orderEvents),
  };
}

function earliest(events: readonly RecordedEvent[]): Date {
  return new Date(Math.min(...events.map((event) => event.occurredAt.getTime())));
}

function latest(events: readonly RecordedEvent[]): Date {
  return new Date(Math.max(...events.map((event) => event.occurredAt.getTime())));
}
