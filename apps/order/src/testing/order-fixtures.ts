// Example orders and event data for the specs. Not part of the build.
import type { OrderPricing, OrderRecord, OrderShipment } from '../order/order-record.js';

export const ORDER_ID = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
export const SHIPMENT_ID = '6f1d2c3b-4a5e-4f60-8b71-2c3d4e5f6a7b';

export const pricing: OrderPricing = {
  lines: [
    { sku: 'MUG-01', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
    { sku: 'TEE-XL', name: 'T-shirt XL', quantity: 1, unitPriceCents: 1999 },
  ],
  currency: 'EUR',
  totalCents: 4499,
};

export const shipment: OrderShipment = {
  shipmentId: SHIPMENT_ID,
  carrier: 'DHL',
  trackingNumber: 'JD0146000034',
  trackingUrl: 'https://track.example.com/JD0146000034',
};

export function anOrder(overrides: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: ORDER_ID,
    customerId: 'cust-42',
    email: 'ada@example.com',
    status: 'PENDING',
    items: [
      { sku: 'MUG-01', quantity: 2 },
      { sku: 'TEE-XL', quantity: 1 },
    ],
    shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    pricing: null,
    shipment: null,
    statusReason: null,
    idempotencyKey: 'key-1',
    createdAt: new Date('2026-11-23T10:00:00.000Z'),
    updatedAt: new Date('2026-11-23T10:00:00.000Z'),
    version: 0,
    ...overrides,
  };
}
