import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Lifecycle, lifecycleEvents } from '../../apps/history/src/testing/order-lifecycles.js';
import { uniqueSuffix } from '../support/environment.js';
import { NativeInstance } from '../support/native-instance.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';
import type { PrismaClient } from '../../apps/history/src/generated/prisma/client.js';
import { EventPublisher, type HistoryDatabase, shuffled, startHistory } from './history-harness.js';

const run = promisify(execFile);
const rebuildCli = path.resolve(import.meta.dirname, '../../apps/history/dist/cli/rebuild.js');

/**
 * A Kafka of the test's own (`./shop infra start kafka` of a second native
 * shop, ports moved by 6200), with the shop's topics: a rebuild replays every
 * topic from its beginning, and on the shared broker that is everything every
 * run on the machine left there, kept for ever (docs/adr/0001). After a day of
 * benchmarks, half a million events: more than the test's time, and more each
 * day. Here the topics hold this test's events and nothing writes to them but
 * the test, so the rebuild's counts and rows are compared whole.
 */
const instance = new NativeInstance(6200);

/** Runs what `pnpm --filter @shop/history run rebuild` runs, against `databaseUrl`. */
function rebuild(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ['--disable-warning=TimeoutNegativeWarning', rebuildCli, ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, ...instance.kafkaEnvironment },
    timeout: 150_000,
  });
}

describe('rebuilding history from the topics', () => {
  let history: Awaited<ReturnType<typeof startHistory>>;
  let rebuilt: HistoryDatabase;
  const customerId = `it-customer-${uniqueSuffix()}`;
  const orders = (['shipped', 'cancelled', 'rejected'] as Lifecycle[]).map((kind, i) => {
    const orderId = randomUUID();
    const start = new Date(Date.UTC(2026, 1, 3, 10 + i));
    return { orderId, events: lifecycleEvents(kind, { orderId, customerId, email: 'bob@example.com', start }) };
  });
  let publisher: EventPublisher;

  beforeAll(async () => {
    await instance.infra('start', 'kafka');
    await instance.resolve();
    await instance.ensureTopics();
    const kafka = instance.kafka('e2e-history-rebuild');
    publisher = new EventPublisher(kafka);
    history = await startHistory(kafka, 3172, instance.kafkaEnvironment);
    rebuilt = await createScratchDatabase<PrismaClient>('history', { migrate: false });
    await publisher.connect();
  }, 180_000);

  afterAll(async () => {
    await publisher?.disconnect();
    if (history) {
      expect(await history.app.stop()).toBe(0);
      await history.database.drop();
    }
    await rebuilt?.drop();
    await instance.dispose();
  }, 120_000);

  /** All a read model holds, in a stable order. */
  const readModelOf = async (client: PrismaClient) => ({
    entries: await client.timelineEntry.findMany({ orderBy: { eventId: 'asc' } }),
    summaries: await client.orderSummary.findMany({ orderBy: { orderId: 'asc' } }),
  });

  it('replays every topic from the beginning into an empty database with a new group, giving the same rows as the live service', async () => {
    // Out of order and with a redelivery, so the live model had to converge and deduplicate.
    const redelivered = orders[0]!.events.slice(0, 3);
    await publisher.publish(shuffled(orders.flatMap((o) => o.events), 3));
    await publisher.publish(redelivered);
    const published = orders.flatMap((o) => o.events).length + redelivered.length;
    const ours = new Set(orders.flatMap((o) => o.events.map((e) => e.id)));
    const holdsOurs = (model: Awaited<ReturnType<typeof readModelOf>>) =>
      model.entries.filter((e) => ours.has(e.eventId)).length === ours.size && model.summaries.length === orders.length;
    const live = await waitFor('the live read model to hold every event', async () => {
      const model = await readModelOf(history.database.client);
      return holdsOurs(model) ? model : undefined;
    }, { timeoutMs: 30_000 });

    const { stdout } = await rebuild(rebuilt.url);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({
      msg: 'rebuilt',
      consumerGroup: expect.stringMatching(/^history-rebuild-\d+$/),
      database: rebuilt.name,
      timelineEntries: ours.size,
      orders: orders.length,
      customers: 1,
    });
    expect(Object.values(result.messages as Record<string, number>).reduce((sum, count) => sum + count, 0)).toBe(published);
    expect(await readModelOf(rebuilt.client)).toEqual(live);
  }, 180_000);

  it('refuses a target that is not empty', async () => {
    await expect(rebuild(rebuilt.url)).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/not empty/) });
  }, 60_000);

  it('refuses a target whose inbox has rows, even with an empty read model: it would reach past the deduplication window', async () => {
    const handledBefore = await createScratchDatabase<PrismaClient>('history');
    try {
      await handledBefore.client.inboxMessage.create({ data: { consumerGroup: 'history', eventId: randomUUID(), type: 'shop.order.placed.v1' } });
      await expect(rebuild(handledBefore.url, '--no-migrate')).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/not empty \(0 timeline entries, 0 orders, 1 inbox rows\)/),
      });
    } finally {
      await handledBefore.drop();
    }
  }, 60_000);
});
