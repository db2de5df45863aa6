import type { EventData } from '../contract.js';
import type { EventContractOf, EventType } from './catalog.js';

// One valid example per event type: the AsyncAPI document's examples, and the
// specs' samples (src/testing/samples.ts re-exports them). Part of the build.

export const EXAMPLE_ORDER_ID = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
export const EXAMPLE_SHIPMENT_ID = '6f1d2c3b-4a5e-4f60-8b71-2c3d4e5f6a7b';
export const EXAMPLE_EVENT_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';

export const exampleAddress = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

export const exampleCustomer = { customerId: 'cust-42', email: 'ada@example.com' };

export const examplePricedOrder = {
  lines: [
    { sku: 'MUG-01', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
    { sku: 'TEE-XL', name: 'T-shirt XL', quantity: 1, unitPriceCents: 1999 },
  ],
  currency: 'EUR',
  totalCents: 4499,
};

export const exampleTracking = { carrier: 'DHL', trackingNumber: 'JD0146000034', trackingUrl: 'https://track.example.com/JD0146000034' };

/** The data of one event of each type, typed by its contract (so a contract change that breaks an example breaks the build). */
export const EVENT_EXAMPLES = {
  'shop.order.placed.v1': {
    orderId: EXAMPLE_ORDER_ID,
    ...exampleCustomer,
    items: [{ sku: 'MUG-01', quantity: 2 }, { sku: 'TEE-XL', quantity: 1 }],
    shippingAddress: exampleAddress,
  },
  'shop.order.confirmed.v1': { orderId: EXAMPLE_ORDER_ID, ...exampleCustomer, ...examplePricedOrder, shippingAddress: exampleAddress },
  'shop.order.rejected.v1': {
    orderId: EXAMPLE_ORDER_ID,
    ...exampleCustomer,
    reason: 'STOCK_UNAVAILABLE',
    shortages: [{ sku: 'MUG-01', requested: 2, available: 1 }],
    unknownSkus: [],
  },
  'shop.order.cancelled.v1': {
    orderId: EXAMPLE_ORDER_ID,
    ...exampleCustomer,
    reason: 'changed my mind',
    requestedBy: 'customer',
    previousStatus: 'CONFIRMED',
  },
  'shop.order.shipped.v1': { orderId: EXAMPLE_ORDER_ID, ...exampleCustomer, shipmentId: EXAMPLE_SHIPMENT_ID, ...exampleTracking, shippingAddress: exampleAddress },
  'shop.inventory.stock-reserved.v1': { orderId: EXAMPLE_ORDER_ID, ...examplePricedOrder },
  'shop.inventory.stock-reservation-failed.v1': {
    orderId: EXAMPLE_ORDER_ID,
    shortages: [{ sku: 'MUG-01', requested: 2, available: 0 }],
    unknownSkus: ['NOPE-1'],
  },
  'shop.inventory.stock-released.v1': { orderId: EXAMPLE_ORDER_ID, lines: [{ sku: 'MUG-01', quantity: 2 }] },
  'shop.inventory.stock-replenished.v1': { sku: 'MUG-01', quantity: 50, stock: 52 },
  'shop.shipping.shipment-created.v1': { shipmentId: EXAMPLE_SHIPMENT_ID, orderId: EXAMPLE_ORDER_ID, shippingAddress: exampleAddress },
  'shop.shipping.shipment-dispatched.v1': { shipmentId: EXAMPLE_SHIPMENT_ID, orderId: EXAMPLE_ORDER_ID, ...exampleTracking },
  'shop.shipping.shipment-failed.v1': { shipmentId: EXAMPLE_SHIPMENT_ID, orderId: EXAMPLE_ORDER_ID, reason: 'address not deliverable' },
  'shop.email.sent.v1': {
    orderId: EXAMPLE_ORDER_ID,
    eventId: EXAMPLE_EVENT_ID,
    eventType: 'shop.order.confirmed.v1',
    template: 'order-confirmed',
    recipient: 'ada@example.com',
    messageId: '<1234@mail.example.com>',
  },
  'shop.slack.notified.v1': {
    orderId: EXAMPLE_ORDER_ID,
    eventId: EXAMPLE_EVENT_ID,
    eventType: 'shop.order.placed.v1',
    kind: 'order-placed',
    channel: '#orders',
  },
} satisfies { [Type in EventType]: EventData<EventContractOf<Type>> };

/** The example data of an event type. */
export function eventExample<Type extends EventType>(type: Type): EventData<EventContractOf<Type>> {
  return EVENT_EXAMPLES[type] as EventData<EventContractOf<Type>>;
}
