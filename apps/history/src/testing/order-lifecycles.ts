// Valid events of whole orders, for the unit and e2e tests. Not part of the build.
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, type EventType, eventContractByType } from '@shop/event-contracts';

export type Lifecycle = 'shipped' | 'cancelled' | 'rejected';

export interface LifecycleOrder {
  orderId: string;
  customerId: string;
  email: string;
  /** ce_time of the first event; each next event happens one second later. */
  start: Date;
}

const SOURCES: Record<string, string> = {
  order: '/shop/order',
  inventory: '/shop/inventory',
  shipping: '/shop/shipping',
  email: '/shop/email',
  slack: '/shop/slack-notifier',
};

const address = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };
// Skus no catalog has: an inventory service running beside the e2e tests (they share the
// topics) refuses these orders rather than pricing them, so it never changes their summaries.
const lines = [
  { sku: 'HIST-MUG-404', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
  { sku: 'HIST-TEE-404', name: 'T-shirt XL', quantity: 1, unitPriceCents: 1999 },
];
export const LIFECYCLE_TOTAL = { currency: 'EUR', totalCents: 4499 } as const;
const tracking = { carrier: 'DHL', trackingNumber: 'JD0146000034' };

/** The events of one order in the order they happen; every data object passes its contract. */
export function lifecycleEvents(kind: Lifecycle, order: LifecycleOrder): EventEnvelope<Record<string, unknown>>[] {
  const { orderId, customerId, email } = order;
  const customer = { orderId, customerId, email };
  const shipmentId = randomUUID();
  const placed = { ...customer, items: lines.map(({ sku, quantity }) => ({ sku, quantity })), shippingAddress: address };
  const priced = { lines, ...LIFECYCLE_TOTAL };
  const steps: [EventType, Record<string, unknown>][] = [['shop.order.placed.v1', placed]];
  if (kind === 'rejected') {
    const refusal = { shortages: [{ sku: 'HIST-MUG-404', requested: 2, available: 1 }], unknownSkus: [] };
    steps.push(
      ['shop.inventory.stock-reservation-failed.v1', { orderId, ...refusal }],
      ['shop.order.rejected.v1', { ...customer, reason: 'STOCK_UNAVAILABLE', ...refusal }],
      ['shop.slack.notified.v1', notification(orderId, 'shop.order.rejected.v1', { kind: 'order-rejected', channel: '#orders' })],
    );
  } else {
    steps.push(
      ['shop.email.sent.v1', notification(orderId, 'shop.order.placed.v1', { template: 'order-placed', recipient: email, messageId: `<${randomUUID()}@mail>` })],
      ['shop.inventory.stock-reserved.v1', { orderId, ...priced }],
      ['shop.order.confirmed.v1', { ...customer, ...priced, shippingAddress: address }],
      ['shop.shipping.shipment-created.v1', { shipmentId, orderId, shippingAddress: address }],
    );
    if (kind === 'shipped') {
      steps.push(
        ['shop.shipping.shipment-dispatched.v1', { shipmentId, orderId, ...tracking }],
        ['shop.order.shipped.v1', { ...customer, shipmentId, ...tracking, shippingAddress: address }],
        ['shop.slack.notified.v1', notification(orderId, 'shop.order.shipped.v1', { kind: 'order-shipped' })],
      );
    } else {
      steps.push(
        ['shop.shipping.shipment-failed.v1', { shipmentId, orderId, reason: 'address not deliverable' }],
        ['shop.order.cancelled.v1', { ...customer, reason: 'shipment failed', requestedBy: 'system', previousStatus: 'CONFIRMED' }],
        ['shop.inventory.stock-released.v1', { orderId, lines: lines.map(({ sku, quantity }) => ({ sku, quantity })) }],
        ['shop.email.sent.v1', notification(orderId, 'shop.order.cancelled.v1', { template: 'order-cancelled', recipient: email, messageId: `<${randomUUID()}@mail>` })],
      );
    }
  }
  const correlationId = randomUUID();
  return steps.map(([type, data], index) => ({
    id: randomUUID(),
    type,
    source: SOURCES[type.split('.')[1]!]!,
    specversion: '1.0',
    time: new Date(order.start.getTime() + index * 1_000).toISOString(),
    subject: orderId,
    correlationId,
    causationId: correlationId,
    data: eventContractByType(type).schema.parse(data) as Record<string, unknown>,
  }));
}

/** The status each lifecycle ends in, and whether the order was priced. */
export const LIFECYCLE_OUTCOME = {
  shipped: { status: 'SHIPPED', priced: true },
  cancelled: { status: 'CANCELLED', priced: true },
  rejected: { status: 'REJECTED', priced: false },
} as const;

function notification(orderId: string, eventType: EventType, fields: Record<string, unknown>) {
  return { orderId, eventId: randomUUID(), eventType, ...fields };
}
