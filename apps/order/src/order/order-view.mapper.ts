import type { OrderView } from '@shop/event-contracts';
import type { OrderRecord } from './order-record.js';

/** The order as shop.order.get answers it: optional parts only once the saga reached them. */
export function toOrderView(order: OrderRecord): OrderView {
  return {
    orderId: order.id,
    customerId: order.customerId,
    email: order.email,
    status: order.status,
    items: order.items,
    shippingAddress: order.shippingAddress,
    ...(order.pricing && { pricing: order.pricing }),
    ...(order.shipment && { shipment: order.shipment }),
    ...(order.statusReason && { statusReason: order.statusReason }),
    placedAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
