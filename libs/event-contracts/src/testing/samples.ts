// Valid example data for every contract, shared by the specs. Not part of the build:
// the event examples live in src/events/examples.ts (the AsyncAPI document shows them).
import type { EventType } from '../events/catalog.js';
import {
  EVENT_EXAMPLES,
  EXAMPLE_EVENT_ID,
  EXAMPLE_ORDER_ID,
  EXAMPLE_SHIPMENT_ID,
  exampleAddress,
  exampleCustomer as customer,
  examplePricedOrder as pricedOrder,
  exampleTracking as tracking,
} from '../events/examples.js';

export const ORDER_ID = EXAMPLE_ORDER_ID;
export const SHIPMENT_ID = EXAMPLE_SHIPMENT_ID;
export const EVENT_ID = EXAMPLE_EVENT_ID;

export const address = exampleAddress;

export const eventSamples: Record<EventType, Record<string, unknown>> = EVENT_EXAMPLES;

/** A valid request and a valid reply value per request pattern. */
export const requestSamples: Record<string, { request: unknown; value: unknown }> = {
  'shop.order.place': {
    request: { ...customer, items: [{ sku: 'MUG-01', quantity: 2 }], shippingAddress: address, idempotencyKey: 'k-1' },
    value: { orderId: ORDER_ID, status: 'PENDING' },
  },
  'shop.order.get': {
    request: { orderId: ORDER_ID },
    value: {
      orderId: ORDER_ID,
      ...customer,
      status: 'SHIPPED',
      items: [{ sku: 'MUG-01', quantity: 2 }, { sku: 'TEE-XL', quantity: 1 }],
      shippingAddress: address,
      pricing: pricedOrder,
      shipment: { shipmentId: SHIPMENT_ID, ...tracking },
      placedAt: '2025-01-02T03:04:05.678Z',
      updatedAt: '2025-01-02T04:00:00Z',
    },
  },
  'shop.order.cancel': {
    request: { orderId: ORDER_ID, reason: 'ordered twice' },
    value: { orderId: ORDER_ID, status: 'CANCELLED' },
  },
  'shop.inventory.list-products': {
    request: {},
    value: { products: [{ sku: 'MUG-01', name: 'Mug', priceCents: 1250, currency: 'EUR', stock: 40 }] },
  },
  'shop.inventory.restock': {
    request: { sku: 'MUG-01', quantity: 50 },
    value: { sku: 'MUG-01', quantity: 50, stock: 52 },
  },
  'shop.history.get-product-timeline': {
    request: { sku: 'MUG-01' },
    value: {
      sku: 'MUG-01',
      entries: [
        {
          eventId: EVENT_ID,
          type: 'shop.inventory.stock-replenished.v1',
          source: '/shop/inventory',
          time: '2025-01-02T03:04:05.678Z',
          summary: 'Stock replenished: 50 units, 52 in stock',
          data: EVENT_EXAMPLES['shop.inventory.stock-replenished.v1'],
        },
      ],
    },
  },
  'shop.history.get-order-timeline': {
    request: { orderId: ORDER_ID },
    value: {
      orderId: ORDER_ID,
      entries: [
        {
          eventId: EVENT_ID,
          type: 'shop.order.placed.v1',
          source: '/shop/order',
          time: '2025-01-02T03:04:05.678+01:00',
          data: { orderId: ORDER_ID },
        },
      ],
    },
  },
  'shop.history.get-customer-orders': {
    request: { customerId: 'cust-42' },
    value: {
      customerId: 'cust-42',
      orders: [
        {
          orderId: ORDER_ID,
          status: 'CONFIRMED',
          currency: 'EUR',
          totalCents: 4499,
          placedAt: '2025-01-02T03:04:05Z',
          updatedAt: '2025-01-02T03:04:06Z',
        },
      ],
    },
  },
};
