import type { CustomerOrderSummary, TimelineEntry as TimelineEntryReply } from '@shop/event-contracts';
import type { OrderSummary, TimelineEntry } from '../generated/prisma/client.js';

/**
 * A timeline entry as the order and product timeline replies carry it. `summary` is
 * not in the contract yet: until it is, callers that parse the reply drop it.
 */
export function toTimelineEntryReply(entry: TimelineEntry): TimelineEntryReply & { summary: string } {
  return {
    eventId: entry.eventId,
    type: entry.type,
    source: entry.source,
    time: entry.occurredAt.toISOString(),
    summary: entry.summary,
    data: entry.data as Record<string, unknown>,
  };
}

export function toCustomerOrderReply(order: OrderSummary): CustomerOrderSummary {
  return {
    orderId: order.orderId,
    status: order.status,
    // Optional in the contract, which takes an absent field, not null.
    ...(order.currency !== null && { currency: order.currency }),
    ...(order.totalCents !== null && { totalCents: order.totalCents }),
    placedAt: order.placedAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
