import { randomUUID } from 'node:crypto';
import { type EventEnvelope, Requests } from '@shop/event-contracts';
import {
  LIFECYCLE_OUTCOME,
  LIFECYCLE_TOTAL,
  type Lifecycle,
  lifecycleEvents,
} from '../../apps/history/src/testing/order-lifecycles.js';
import { restockEvent } from '../../apps/history/src/testing/product-events.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { uniqueSuffix } from '../support/environment.js';
import { waitFor } from '../support/wait-for.js';
import {
  deleteDeadLetterTopics,
  EventPublisher,
  type HistoryDatabase,
  shuffled,
  startHistory,
  startHistoryClient,
} from './history-harness.js';

const kafka = testKafka('e2e-history');
type Envelope = EventEnvelope<Record<string, unknown>>;

describe('history read model: the built app fed over Kafka, asked over request-reply', () => {
  let history: Awaited<ReturnType<typeof startHistory>>;
  let requests: Awaited<ReturnType<typeof startHistoryClient>>;
  let database: HistoryDatabase;
  const publisher = new EventPublisher(kafka);
  const customerId = `it-customer-${uniqueSuffix()}`;
  const email = 'ada@example.com';
  const base = Date.UTC(2026, 0, 2, 3, 0, 0);
  // One customer's orders, an hour apart; each arrives differently.
  const order = (kind: Lifecycle, hour: number) => {
    const orderId = randomUUID();
    return { kind, orderId, events: lifecycleEvents(kind, { orderId, customerId, email, start: new Date(base + hour * 3_600_000) }) };
  };
  const inOrder = order('shipped', 0);
  const reversed = order('shipped', 1);
  const shuffledCancelled = order('cancelled', 2);
  const shuffledRejected = order('rejected', 3);
  const placedLast = order('shipped', 4);

  beforeAll(async () => {
    history = await startHistory(kafka, 3171);
    database = history.database;
    requests = await startHistoryClient(database.url);
    await publisher.connect();
  }, 60_000);

  afterAll(async () => {
    await publisher.disconnect();
    await requests?.close();
    if (history) {
      expect(await history.app.stop()).toBe(0);
      await history.database.drop();
      await deleteDeadLetterTopics(kafka, history.serviceName);
    }
  });

  /**
   * The order's timeline once it holds all of `events` (the read model is eventually
   * consistent), narrowed to them: services other tests run share the topics and may
   * react to these orders (an inventory refusing them, say), adding entries of their own.
   */
  const timelineOf = async (orderId: string, events: readonly Envelope[]) => {
    const ids = new Set(events.map((e) => e.id));
    const timeline = await waitFor(`the timeline of ${orderId} to hold its ${ids.size} events`, async () => {
      const reply = await requests.client.call(Requests.getOrderTimeline, { orderId });
      return reply.ok && reply.value.entries.filter((e) => ids.has(e.eventId)).length === ids.size ? reply.value : undefined;
    }, { timeoutMs: 30_000 });
    const times = timeline.entries.map((e) => e.time);
    expect(times).toEqual([...times].sort());
    return { ...timeline, entries: timeline.entries.filter((e) => ids.has(e.eventId)) };
  };

  const expectedTimeline = (events: readonly Envelope[]) =>
    events.map((e) => ({ eventId: e.id, type: e.type, source: e.source, time: e.time, summary: expect.any(String), data: e.data }));

  const expectedSummary = (o: ReturnType<typeof order>) => {
    const { status, priced } = LIFECYCLE_OUTCOME[o.kind];
    const orderEvents = o.events.filter((e) => e.type.startsWith('shop.order.'));
    return {
      orderId: o.orderId,
      status,
      ...(priced && LIFECYCLE_TOTAL),
      placedAt: o.events[0]!.time,
      updatedAt: orderEvents.at(-1)!.time,
    };
  };

  it('records every event of an order, in the order they happened, and sums the order up', async () => {
    await publisher.publish(inOrder.events);
    const timeline = await timelineOf(inOrder.orderId, inOrder.events);
    expect(timeline).toEqual({ orderId: inOrder.orderId, entries: expectedTimeline(inOrder.events) });

    const rows = await database.client.timelineEntry.findMany({
      where: { eventId: { in: inOrder.events.map((e) => e.id) } },
      orderBy: { occurredAt: 'asc' },
    });
    expect(rows.map((row) => row.summary)).toEqual([
      'Order placed: 3 units of 2 products, to London, GB',
      'E-mail "order-placed" sent to ada@example.com',
      'Stock reserved: 3 units for EUR 44.99',
      'Order confirmed: EUR 44.99',
      'Shipment created, to London, GB',
      'Shipment dispatched with DHL, tracking JD0146000034',
      'Order shipped with DHL, tracking JD0146000034',
      'Slack notified: order-shipped',
    ]);
    expect(await database.client.orderSummary.findUnique({ where: { orderId: inOrder.orderId } })).toEqual({
      orderId: inOrder.orderId,
      customerId,
      email,
      status: 'SHIPPED',
      ...LIFECYCLE_TOTAL,
      placedAt: new Date(inOrder.events[0]!.time),
      updatedAt: new Date(inOrder.events[6]!.time),
    });
  });

  it('converges to the same timeline and summary whatever order the events arrive in', async () => {
    const arrivals: [ReturnType<typeof order>, Envelope[]][] = [
      [reversed, [...reversed.events].reverse()],
      [shuffledCancelled, shuffled(shuffledCancelled.events, 7)],
      [shuffledRejected, shuffled(shuffledRejected.events, 11)],
      // Every other service's events first: the order is known only by its id until order.placed, last.
      [placedLast, [...placedLast.events.slice(1), placedLast.events[0]!]],
    ];
    for (const [, arrival] of arrivals) await publisher.publish(arrival);

    for (const [o] of arrivals) {
      expect(await timelineOf(o.orderId, o.events)).toEqual({ orderId: o.orderId, entries: expectedTimeline(o.events) });
    }
    const reply = await requests.client.call(Requests.getCustomerOrders, { customerId });
    // Newest first: the later placedAt, the earlier in the list.
    expect(reply).toEqual({
      ok: true,
      value: { customerId, orders: [placedLast, shuffledRejected, shuffledCancelled, reversed, inOrder].map(expectedSummary) },
    });
  });

  it('changes nothing when events are delivered again', async () => {
    const snapshot = async () => ({
      entries: await database.client.timelineEntry.findMany({
        where: { eventId: { in: inOrder.events.map((e) => e.id) } },
        orderBy: { eventId: 'asc' },
      }),
      summary: await database.client.orderSummary.findUnique({ where: { orderId: inOrder.orderId } }),
    });
    const before = await snapshot();
    const partitions = await publisher.publish(inOrder.events);
    // A marker order's events behind the duplicates, on the same partitions: once they are
    // recorded, so are the duplicates (each partition is handled in order).
    const marker = order('shipped', 5);
    await publisher.publish(marker.events, partitions);
    await timelineOf(marker.orderId, marker.events);
    expect(await snapshot()).toEqual(before);
    const handled = await database.client.inboxMessage.count({ where: { eventId: { in: inOrder.events.map((e) => e.id) } } });
    expect(handled).toBe(inOrder.events.length);
  });

  it('files a restock, which belongs to no order, on its product’s timeline, oldest first (recorded, so not dead-lettered)', async () => {
    const sku = `IT-HIST-${uniqueSuffix()}`.toUpperCase();
    const first = restockEvent({ sku, quantity: 50, stock: 52 }, new Date(base));
    const second = restockEvent({ sku, quantity: 3, stock: 55 }, new Date(base + 60_000));
    await publisher.publish([second, first]);

    const timeline = await waitFor(`the timeline of ${sku}`, async () => {
      const reply = await requests.client.call(Requests.getProductTimeline, { sku });
      return reply.ok && reply.value.entries.length === 2 ? reply.value : undefined;
    }, { timeoutMs: 30_000 });
    expect(timeline).toEqual({ sku, entries: expectedTimeline([first, second]) });
    expect(timeline.entries.map((entry) => (entry as { summary?: string }).summary)).toEqual([
      'Stock replenished: 50 units added, 52 in stock',
      'Stock replenished: 3 units added, 55 in stock',
    ]);
    const rows = await database.client.timelineEntry.findMany({ where: { sku } });
    expect(rows.map(({ orderId, customerId }) => ({ orderId, customerId }))).toEqual([
      { orderId: null, customerId: null },
      { orderId: null, customerId: null },
    ]);
    expect(await requests.client.call(Requests.getProductTimeline, { sku: `${sku}-NEVER` })).toEqual({ ok: true, value: { sku: `${sku}-NEVER`, entries: [] } });
  });

  it('answers NOT_FOUND for an order without events, an empty list for a customer without orders, INVALID for a bad request', async () => {
    expect(await requests.client.call(Requests.getOrderTimeline, { orderId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const stranger = `it-nobody-${uniqueSuffix()}`;
    expect(await requests.client.call(Requests.getCustomerOrders, { customerId: stranger })).toEqual({
      ok: true,
      value: { customerId: stranger, orders: [] },
    });
    expect(await requests.client.call(Requests.getOrderTimeline, { orderId: 'not-a-uuid' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID' },
    });
  });
});
