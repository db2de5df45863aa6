import { ALL_EVENTS } from '../events/catalog.js';
import { eventExample } from '../events/examples.js';
import { describeEvent, money } from './event-descriptions.js';

describe('describeEvent', () => {
  const events = ALL_EVENTS.map(({ type }) => ({ type, data: eventExample(type) as unknown }));
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
    expect(line('shop.inventory.stock-reservation-failed.v1')).toBe('Stock reservation failed: MUG-01 short (2 requested, 0 available); NOPE-1 unknown');
    expect(line('shop.order.cancelled.v1')).toBe('Order cancelled by the customer (was CONFIRMED): changed my mind');
    expect(line('shop.shipping.shipment-dispatched.v1')).toBe('Shipment dispatched with DHL, tracking JD0146000034');
    expect(line('shop.email.sent.v1')).toBe('E-mail "order-confirmed" sent to ada@example.com');
    expect(line('shop.slack.notified.v1')).toBe('Slack notified: order-placed in #orders');
    expect(line('shop.inventory.stock-replenished.v1')).toBe('Stock replenished: 50 units added, 52 in stock');
  });

  it('cuts long free text short', () => {
    const reason = 'x'.repeat(500);
    expect(describeEvent('shop.shipping.shipment-failed.v1', { reason })).toHaveLength(200);
  });

  it('formats integer cents without floats', () => {
    expect([money(4499, 'EUR'), money(5, 'USD'), money(120000, 'GBP')]).toEqual(['EUR 44.99', 'USD 0.05', 'GBP 1200.00']);
  });
});
