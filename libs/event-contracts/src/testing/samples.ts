// Valid example data for every contract, shared by the specs. Not part of the build.
import type { EventType } from '../events/catalog.js';

export const ORDER_ID = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
export const SHIPMENT_ID = '6f1d2c3b-4a5e-4f60-8b71-2c3d4e5f6a7b';
export const EVENT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';

export const address = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

const customer = { customerId: 'cust-42', email: 'ada@example.com' };

const pricedOrder = {
  lines: [
    { sku: 'MUG-01', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
    { sku: 'TEE-XL', name: 'T-shirt XL', quantity: 1, unitPriceCents: 1999 },
  ],
  currency: 'EUR',
  totalCents: 4499,
};

const tracking = { carrier: 'DHL', trackingNumber: 'JD0146000034', trackingUrl: 'https://track.example.com/JD0146000034' };

export const eventSamples: Record<EventType, Record<string, unknown>> = {
  'shop.order.placed.v1': {
    orderId: ORDER_ID,
    ...customer,
    items: [{ sku: 'MUG-01', quantity: 2 }, { sku: 'TEE-XL', quantity: 1 }],
    shippingAddress: address,
  },
  'shop.order.confirmed.v1': { orderId: ORDER_ID, ...customer, ...pricedOrder, shippingAddress: address },
  'shop.order.rejected.v1': {
    orderId: ORDER_ID,
    ...customer,
    reason: 'STOCK_UNAVAILABLE',
    shortages: [{ sku: 'MUG-01', requested: 2, available: 1 }],
    unknownSkus: [],
  },
  'shop.order.cancelled.v1': {
    orderId: ORDER_ID,
    ...customer,
    reason: 'changed my mind',
    requestedBy: 'customer',
    previousStatus: 'CONFIRMED',
  },
  'shop.order.shipped.v1': { orderId: ORDER_ID, ...customer, shipmentId: SHIPMENT_ID, ...tracking, shippingAddress: address },
  'shop.inventory.stock-reserved.v1': { orderId: ORDER_ID, ...pricedOrder },
  'shop.inventory.stock-reservation-failed.v1': {
    orderId: ORDER_ID,
    shortages: [{ sku: 'MUG-01', requested: 2, available: 0 }],
    unknownSkus: ['NOPE-1'],
  },
  'shop.inventory.stock-released.v1': { orderId: ORDER_ID, lines: [{ sku: 'MUG-01', quantity: 2 }] },
  'shop.shipping.shipment-created.v1': { shipmentId: SHIPMENT_ID, orderId: ORDER_ID, shippingAddress: address },
  'shop.shipping.shipment-dispatched.v1': { shipmentId: SHIPMENT_ID, orderId: ORDER_ID, ...tracking },
  'shop.shipping.shipment-failed.v1': { shipmentId: SHIPMENT_ID, orderId: ORDER_ID, reason: 'address not deliverable' },
  'shop.email.sent.v1': {
    orderId: ORDER_ID,
    eventId: EVENT_ID,
    eventType: 'shop.order.confirmed.v1',
    template: 'order-confirmed',
    recipient: 'ada@example.com',
    messageId: '<1234@mail.example.com>',
  },
  'shop.slack.notified.v1': {
    orderId: ORDER_ID,
    eventId: EVENT_ID,
    eventType: 'shop.order.placed.v1',
    kind: 'order-placed',
    channel: '#orders',
  },
};

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
