import type {
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderPlacedV1,
  OrderRejectedV1,
  OrderShippedV1,
} from '@shop/event-contracts';
import type { NewOrder, OrderPricing, OrderRecord, OrderShipment, StockRefusal } from './order-record.js';

/**
 * The data of each event the order publishes. Every event carries the
 * customer and e-mail, and confirmed / shipped the lines and address, so the
 * notifiers and the read model need nothing else.
 */
export function orderPlacedData(order: NewOrder): OrderPlacedV1 {
  return { ...party(order), items: order.items, shippingAddress: order.shippingAddress };
}

export function orderConfirmedData(order: OrderRecord, pricing: OrderPricing): OrderConfirmedV1 {
  const { lines, currency, totalCents } = pricing;
  return { ...party(order), lines, currency, totalCents, shippingAddress: order.shippingAddress };
}

export function orderRejectedData(order: OrderRecord, { shortages, unknownSkus }: StockRefusal): OrderRejectedV1 {
  return { ...party(order), reason: 'STOCK_UNAVAILABLE', shortages, unknownSkus };
}

export function orderCancelledData(
  order: OrderRecord,
  cancellation: Pick<OrderCancelledV1, 'reason' | 'requestedBy' | 'previousStatus'>,
): OrderCancelledV1 {
  return { ...party(order), ...cancellation };
}

export function orderShippedData(order: OrderRecord, shipment: OrderShipment): OrderShippedV1 {
  return { ...party(order), ...shipment, shippingAddress: order.shippingAddress };
}

function party({ id, customerId, email }: Pick<OrderRecord, 'id' | 'customerId' | 'email'>) {
  return { orderId: id, customerId, email };
}
