import { randomUUID } from 'node:crypto';
import { LIFECYCLE_OUTCOME, LIFECYCLE_TOTAL, type Lifecycle, lifecycleEvents } from '../testing/order-lifecycles.js';
import type { RecordedEvent } from './recorded-event.js';
import { summarizeOrder } from './order-summary.js';

const start = new Date('2026-01-02T03:04:05.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1_000);

function recorded(kind: Lifecycle) {
  const order = { orderId: randomUUID(), customerId: 'cust-42', email: 'ada@example.com', start };
  const events: RecordedEvent[] = lifecycleEvents(kind, order).map((e) => ({
    eventId: e.id,
    type: e.type,
    occurredAt: new Date(e.time),
    data: e.data,
  }));
  return { order, events };
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) return yield [...items];
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}

describe('summarizeOrder', () => {
  it.each([
    ['shipped', at(6)],
    ['cancelled', at(6)],
    ['rejected', at(2)],
  ] as const)('sums up a %s order from its order and pricing events', (kind, updatedAt) => {
    const { order, events } = recorded(kind);
    const { status, priced } = LIFECYCLE_OUTCOME[kind];
    expect(summarizeOrder(order.orderId, events)).toEqual({
      orderId: order.orderId,
      customerId: 'cust-42',
      email: 'ada@example.com',
      status,
      currency: priced ? LIFECYCLE_TOTAL.currency : null,
      totalCents: priced ? LIFECYCLE_TOTAL.totalCents : null,
      placedAt: start,
      updatedAt,
    });
  });

  it.each(['shipped', 'cancelled', 'rejected'] as const)(
    'is the same for every arrival order of a %s order (all permutations)',
    (kind) => {
      const { order, events } = recorded(kind);
      const outcomes = new Set<string>();
      let checked = 0;
      for (const arrival of permutations(events)) {
        outcomes.add(JSON.stringify(summarizeOrder(order.orderId, arrival)));
        checked++;
      }
      expect(checked).toBeGreaterThanOrEqual(24);
      expect([...outcomes]).toEqual([JSON.stringify(summarizeOrder(order.orderId, events))]);
    },
  );

  it('has no row before an order event names the customer', () => {
    const { order, events } = recorded('shipped');
    const others = events.filter((e) => !e.type.startsWith('shop.order.'));
    expect(summarizeOrder(order.orderId, others)).toBeUndefined();
  });

  it('takes the total from stock-reserved until order.confirmed arrives', () => {
    const { order, events } = recorded('shipped');
    const withoutConfirmed = events.filter((e) => e.type !== 'shop.order.confirmed.v1');
    expect(summarizeOrder(order.orderId, withoutConfirmed)).toMatchObject({ status: 'SHIPPED', ...LIFECYCLE_TOTAL });
  });

  it('stands in the earliest order event for placedAt until order.placed arrives, then corrects it', () => {
    const { order, events } = recorded('shipped');
    const early = events.filter((e) => e.type !== 'shop.order.placed.v1');
    expect(summarizeOrder(order.orderId, early)).toMatchObject({ status: 'SHIPPED', placedAt: at(3), updatedAt: at(6) });
    expect(summarizeOrder(order.orderId, events)).toMatchObject({ placedAt: start });
  });
});
