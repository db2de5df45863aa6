import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { type Lifecycle, lifecycleEvents } from '../../apps/history/src/testing/order-lifecycles.js';
import { infra, kafkaLogin, uniqueSuffix } from '../support/environment.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { createScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';
import type { PrismaClient } from '../../apps/history/src/generated/prisma/client.js';
import { deleteDeadLetterTopics, EventPublisher, type HistoryDatabase, shuffled, startHistory } from './history-harness.js';

const run = promisify(execFile);
const rebuildCli = path.resolve(import.meta.dirname, '../../apps/history/dist/cli/rebuild.js');
const kafka = testKafka('e2e-history-rebuild');

/** Runs what `pnpm --filter @shop/history run rebuild` runs, against `databaseUrl`. */
function rebuild(databaseUrl: string, ...args: string[]) {
  return run(process.execPath, ['--disable-warning=TimeoutNegativeWarning', rebuildCli, ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, KAFKA_BROKERS: infra.kafkaBrokers.join(','), ...kafkaLogin() },
    timeout: 150_000,
  });
}

describe('rebuilding history from the topics', () => {
  let history: Awaited<ReturnType<typeof startHistory>>;
  let rebuilt: HistoryDatabase;
  const publisher = new EventPublisher(kafka);
  const customerId = `it-customer-${uniqueSuffix()}`;
  const orders = (['shipped', 'cancelled', 'rejected'] as Lifecycle[]).map((kind, i) => {
    const orderId = randomUUID();
    const start = new Date(Date.UTC(2026, 1, 3, 10 + i));
    return { orderId, events: lifecycleEvents(kind, { orderId, customerId, email: 'bob@example.com', start }) };
  });
  const orderIds = orders.map((o) => o.orderId);
  const consumerGroups: string[] = [];

  beforeAll(async () => {
    history = await startHistory(kafka, 3172);
    rebuilt = await createScratchDatabase<PrismaClient>('history', { migrate: false });
    await publisher.connect();
  }, 60_000);

  afterAll(async () => {
    await publisher.disconnect();
    if (history) {
      expect(await history.app.stop()).toBe(0);
      await history.database.drop();
      consumerGroups.push(history.serviceName);
    }
    await rebuilt?.drop();
    for (const group of consumerGroups) await deleteDeadLetterTopics(kafka, group);
  });

  /** What a read model holds about this test's orders, in a stable order. */
  const readModelOf = async (client: PrismaClient) => ({
    entries: await client.timelineEntry.findMany({ where: { orderId: { in: orderIds } }, orderBy: { eventId: 'asc' } }),
    summaries: await client.orderSummary.findMany({ where: { orderId: { in: orderIds } }, orderBy: { orderId: 'asc' } }),
  });

  it('replays every topic from the beginning into an empty database with a new group, giving the same rows as the live service', async () => {
    // Out of order and with a redelivery, so the live model had to converge and deduplicate.
    await publisher.publish(shuffled(orders.flatMap((o) => o.events), 3));
    await publisher.publish(orders[0]!.events.slice(0, 3));
    const ours = new Set(orders.flatMap((o) => o.events.map((e) => e.id)));
    const holdsOurs = (model: Awaited<ReturnType<typeof readModelOf>>) =>
      model.entries.filter((e) => ours.has(e.eventId)).length === ours.size && model.summaries.length === orders.length;
    await waitFor('the live read model to hold every event', async () =>
      holdsOurs(await readModelOf(history.database.client)) ? true : undefined,
    { timeoutMs: 30_000 });

    const { stdout } = await rebuild(rebuilt.url);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    consumerGroups.push(result.consumerGroup);
    expect(result).toMatchObject({ msg: 'rebuilt', consumerGroup: expect.stringMatching(/^history-rebuild-\d+$/), database: rebuilt.name });
    expect(result.timelineEntries).toBeGreaterThanOrEqual(ours.size);
    const replayed = await readModelOf(rebuilt.client);
    expect(holdsOurs(replayed)).toBe(true);

    // Services other tests run share the topics and may add events about these orders
    // (an inventory refusing them, say) at any time: compare what the rebuild read, once
    // the live service has it too.
    const replayedIds = new Set(replayed.entries.map((e) => e.eventId));
    const live = await waitFor('the live read model to hold every event the rebuild read', async () => {
      const model = await readModelOf(history.database.client);
      return model.entries.filter((e) => replayedIds.has(e.eventId)).length === replayedIds.size ? model : undefined;
    });
    expect({ ...live, entries: live.entries.filter((e) => replayedIds.has(e.eventId)) }).toEqual(replayed);
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
