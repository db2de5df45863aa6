import { randomUUID } from 'node:crypto';
import { ALL_EVENTS } from '@shop/event-contracts';
import { type Lifecycle, lifecycleEvents } from '../testing/order-lifecycles.js';
import { restockEvent } from '../testing/product-events.js';
import { describeEvent, money } from './event-descriptions.js';

describe('describeEvent', () => {
  const order = { orderId: randomUUID(), customerId: 'cust-42', email: 'ada@example.com', start: new Date() };
  const events = [
    ...(['shipped', 'cancelled', 'rejected'] as Lifecycle[]).flatMap((kind) => lifecycleEvents(kind, order)),
    restockEvent({ sku: 'MUG-01', quantity: 1, stock: 21 }),
  ];
  const line = (type: string) => describeEvent(type, events.find((e) => e.type === type)!.data);

  it('describes every event type of the contracts in one short line', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(ALL_EVENTS.map((c) => c.type)));
    for (const { type, data } of events) {
      const description = describeEvent(type, data);
      expect(description).not.toBe(type);
      expect(description.length).toBeLessThanOrEqual(200);
    }
  });

  it('says what happened with the figures that matter', () => {
    expect(line('shop.order.placed.v1')).toBe('Order placed: 3 units of 2 products, to London, GB');
    expect(line('shop.order.confirmed.v1')).toBe('Order confirmed: EUR 44.99');
    expect(line('shop.inventory.stock-reservation-failed.v1')).toBe('Stock reservation failed: HIST-MUG-404 short (2 requested, 1 available)');
    expect(line('shop.order.cancelled.v1')).toBe('Order cancelled by the system (was CONFIRMED): shipment failed');
    expect(line('shop.shipping.shipment-dispatched.v1')).toBe('Shipment dispatched with DHL, tracking JD0146000034');
    expect(line('shop.email.sent.v1')).toBe('E-mail "order-placed" sent to ada@example.com');
    expect(line('shop.slack.notified.v1')).toBe('Slack notified: order-shipped');
    expect(line('shop.inventory.stock-replenished.v1')).toBe('Stock replenished: 1 unit added, 21 in stock');
  });

  it('cuts long free text short', () => {
    const reason = 'x'.repeat(500);
    expect(describeEvent('shop.shipping.shipment-failed.v1', { reason })).toHaveLength(200);
  });

  it('formats integer cents without floats', () => {
    expect([money(4499, 'EUR'), money(5, 'USD'), money(120000, 'GBP')]).toEqual(['EUR 44.99', 'USD 0.05', 'GBP 1200.00']);
  });
});
