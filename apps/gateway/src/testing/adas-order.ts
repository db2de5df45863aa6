import type { OrderView } from '@shop/event-contracts';

/** An order of customer ada, the one startTestApi signs in as: what the fake order service answers in specs. */
export const adasOrder = (orderId: string): OrderView => ({
  orderId,
  customerId: 'ada',
  email: 'ada@example.com',
  items: [{ sku: 'MUG-01', quantity: 1 }],
  shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
  status: 'PENDING',
  placedAt: '2026-11-23T17:00:00.000Z',
  updatedAt: '2026-11-23T17:00:00.000Z',
});
