import { Requests } from '@shop/event-contracts';
import { toCustomerOrderReply, toTimelineEntryReply } from './history-replies.js';

const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';

describe('history replies', () => {
  it('answers a timeline entry with its ce_time in ISO form and the summary beside the contract fields', () => {
    const entry = toTimelineEntryReply({
      eventId: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d',
      orderId,
      sku: null,
      customerId: null,
      type: 'shop.inventory.stock-released.v1',
      source: '/shop/inventory',
      summary: 'Stock released: 2 units',
      occurredAt: new Date('2026-01-02T03:04:05.678+01:00'),
      data: { orderId, lines: [{ sku: 'MUG-01', quantity: 2 }] },
    });
    expect(entry).toMatchObject({ time: '2026-01-02T02:04:05.678Z', summary: 'Stock released: 2 units' });
    expect(Requests.getOrderTimeline.parseReply({ ok: true, value: { orderId, entries: [entry] } }).success).toBe(true);
  });

  it('leaves currency and total out, not null, until the order is priced', () => {
    const order = {
      orderId,
      customerId: 'cust-42',
      email: 'ada@example.com',
      status: 'PENDING' as const,
      currency: null,
      totalCents: null,
      placedAt: new Date('2026-01-02T03:04:05Z'),
      updatedAt: new Date('2026-01-02T03:04:05Z'),
    };
    const reply = toCustomerOrderReply(order);
    expect(reply).toEqual({ orderId, status: 'PENDING', placedAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z' });
    expect(Requests.getCustomerOrders.parseReply({ ok: true, value: { customerId: 'cust-42', orders: [reply] } }).success).toBe(true);
    expect(toCustomerOrderReply({ ...order, status: 'CONFIRMED', currency: 'EUR', totalCents: 4499 })).toMatchObject({ currency: 'EUR', totalCents: 4499 });
  });
});
