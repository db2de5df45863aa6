import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { defineEvent } from '@shop/event-contracts';
import { EventConsumer, Outbox, type SqlExecutor } from '@shop/runtime';
import { z } from 'zod';
import { infra, kafkaLogin, uniqueSuffix } from '../support/environment.js';
import { createTestTopic, recordTopic, testKafka } from '../support/kafka-test-topics.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';

type Client = SqlExecutor & {
  $transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
};

const EVENTS = 1_000;
const kafka = testKafka('e2e-relay-crash');

function startRelayProcess(databaseUrl: string): ChildProcess {
  return spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', path.join(import.meta.dirname, '../support/relay-process.mjs')], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, KAFKA_BROKERS: infra.kafkaBrokers.join(','), ...kafkaLogin(), RELAY_BATCH_SIZE: '25' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

describe('outbox relay killed mid-batch', () => {
  let database: ScratchDatabase<Client>;
  beforeAll(async () => {
    database = await createScratchDatabase<Client>('order');
  });
  afterAll(() => database.drop());

  it('loses nothing, and every event is handled exactly once per consumer group', async () => {
    const topic = await createTestTopic(kafka, 'relay-crash');
    const counted = defineEvent({
      type: 'shop.e2e.counted.v1',
      topic,
      version: 1,
      schema: z.object({ orderId: z.string(), n: z.number().int() }),
      key: (data) => data.orderId,
    });
    const outbox = new Outbox('/shop/e2e');
    for (let first = 0; first < EVENTS; first += 100) {
      await database.client.$transaction(async (tx) => {
        for (let n = first; n < first + 100; n++) await outbox.publish(tx, counted, { orderId: `order-${n % 20}`, n });
      });
    }
    const published = async () => {
      const [{ count }] = await database.client.$queryRawUnsafe<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM outbox WHERE published_at IS NOT NULL',
      );
      return count;
    };

    const raw = await recordTopic(kafka, topic);
    const handled: number[] = [];
    let settled = 0;
    const consumer = new EventConsumer({
      observer: { settled: () => void settled++ },
      kafka,
      groupId: `it-relay-crash-${uniqueSuffix()}`,
      database: database.client,
      logger: new Logger('RelayCrashTest'),
    });
    consumer.on(counted, async ({ n }) => {
      handled.push(n);
    });
    await consumer.start();
    try {
      const doomed = startRelayProcess(database.url);
      await waitFor('the first relay to publish part of the outbox', async () => {
        const count = await published();
        return count > 0 ? count : undefined;
      }, { intervalMs: 5 });
      doomed.kill('SIGKILL');
      await once(doomed, 'exit');
      const publishedBeforeCrash = await published();
      expect(publishedBeforeCrash).toBeLessThan(EVENTS);

      const successor = startRelayProcess(database.url);
      try {
        await waitFor('every event handled', async () => (new Set(handled).size === EVENTS ? true : undefined), {
          timeoutMs: 30_000,
        });
        expect(await published()).toBe(EVENTS);
        // Wait until the consumer has settled every message on the topic, duplicates included.
        await waitFor('the consumer to settle every delivery', async () =>
          raw.received.length >= EVENTS && settled === raw.received.length ? true : undefined,
        );
      } finally {
        successor.kill('SIGTERM');
        await once(successor, 'exit');
      }
      // Handled exactly once even if the broker saw some events twice.
      expect(handled).toHaveLength(EVENTS);
      expect(new Set(raw.received.map((m) => (m.value as { n: number }).n)).size).toBe(EVENTS);
      const [{ rows }] = await database.client.$queryRawUnsafe<{ rows: number }[]>('SELECT count(*)::int AS rows FROM inbox');
      expect(rows).toBe(EVENTS);
    } finally {
      await consumer.stop();
      await raw.stop();
    }
  });
});
