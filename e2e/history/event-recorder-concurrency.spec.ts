import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@shop/event-contracts';
import { type DatabasePool, openDatabasePool, PendingWrites, type SqlTransaction, SqlTransactions } from '@shop/runtime';
import type { PrismaClient } from '../../apps/history/src/generated/prisma/client.js';
import { EventRecorder } from '../../apps/history/src/recording/event-recorder.service.js';
import type { RecordedData } from '../../apps/history/src/recording/timeline-filing.js';
import { OrderSummaryRepository } from '../../apps/history/src/summary/order-summary.repository.js';
import { lifecycleEvents } from '../../apps/history/src/testing/order-lifecycles.js';
import { TimelineRepository } from '../../apps/history/src/timeline/timeline.repository.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';

describe('EventRecorder on PostgreSQL: events recorded together and at once', () => {
  let database: ScratchDatabase<PrismaClient>;
  let connections: DatabasePool;
  let transactions: SqlTransactions;
  let recorder: EventRecorder;

  beforeAll(async () => {
    database = await createScratchDatabase<PrismaClient>('history');
    // The consumer's transactions: the runtime's own, on node-postgres.
    connections = openDatabasePool(database.url);
    transactions = new SqlTransactions(connections);
    recorder = new EventRecorder(new TimelineRepository(database.client), new OrderSummaryRepository(database.client));
  });

  afterAll(async () => {
    await connections?.pool.end();
    await database?.drop();
  });

  /** What the consumer does around its handlers: the events' writes batched, done before the transaction commits. */
  const recordTogether = async (tx: SqlTransaction, events: EventEnvelope<RecordedData>[]) => {
    const batch = new PendingWrites();
    for (const event of events) recorder.record(tx, batch, event, 'orderId');
    await batch.flush();
  };

  /** Two-key advisory locks (objsubid 2) in this database, held or awaited. */
  const orderLocks = async (granted: boolean) => {
    const [{ locks }] = await database.client.$queryRaw<[{ locks: number }]>`
      SELECT count(*)::int AS locks FROM pg_locks
      WHERE locktype = 'advisory' AND objsubid = 2 AND granted = ${granted}
        AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
    return locks;
  };

  it('derives the summary in the later transaction with both events, not from its own alone', async () => {
    const orderId = randomUUID();
    const start = new Date('2026-03-01T10:00:00Z');
    const events = lifecycleEvents('shipped', { orderId, customerId: 'cust-concurrent', email: 'ada@example.com', start });
    const [placed, confirmed] = ['shop.order.placed.v1', 'shop.order.confirmed.v1'].map(
      (type) => events.find((e) => e.type === type) as EventEnvelope<RecordedData>,
    ) as [EventEnvelope<RecordedData>, EventEnvelope<RecordedData>];

    // The first transaction records order.placed and stays open until the second one waits for it.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const first = transactions.$transaction(async (tx) => {
      await recordTogether(tx, [placed]);
      await released;
    });
    await waitFor('the first transaction to hold the order lock', async () => ((await orderLocks(true)) === 1 ? true : undefined));
    const second = transactions.$transaction((tx) => recordTogether(tx, [confirmed]));
    await waitFor('the second transaction to wait for it', async () => ((await orderLocks(false)) === 1 ? true : undefined));
    release();
    await Promise.all([first, second]);

    expect(await database.client.orderSummary.findUnique({ where: { orderId } })).toMatchObject({
      status: 'CONFIRMED',
      placedAt: new Date(placed.time),
      updatedAt: new Date(confirmed.time),
      totalCents: 4499,
    });
  });

  it('records the events of several orders in one transaction as it records them one transaction each', async () => {
    const start = new Date('2026-03-02T10:00:00Z');
    const lifecycle = (orderId: string) =>
      lifecycleEvents('shipped', { orderId, customerId: 'cust-together', email: 'ada@example.com', start }) as EventEnvelope<RecordedData>[];
    const [alone, first, second] = [randomUUID(), randomUUID(), randomUUID()];
    for (const event of lifecycle(alone)) await transactions.$transaction((tx) => recordTogether(tx, [event]));
    await transactions.$transaction((tx) => recordTogether(tx, [...lifecycle(first), ...lifecycle(second)]));

    const recorded = async (orderId: string) => {
      const { orderId: _, ...summary } = (await database.client.orderSummary.findUnique({ where: { orderId } }))!;
      return { summary, entries: await database.client.timelineEntry.count({ where: { orderId } }) };
    };
    const one = await recorded(alone);
    expect(one).toMatchObject({ summary: { status: 'SHIPPED' }, entries: lifecycle(alone).length });
    expect(await recorded(first)).toEqual(one);
    expect(await recorded(second)).toEqual(one);
  });
});
