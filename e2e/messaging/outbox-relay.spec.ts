import { Logger } from '@nestjs/common';
import { defineEvent } from '@shop/event-contracts';
import { Outbox, OutboxRelay, PendingWrites, type SqlExecutor } from '@shop/runtime';
import { z } from 'zod';
import { createTestTopic, recordTopic, testKafka } from '../support/kafka-test-topics.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';

type Client = SqlExecutor & {
  $transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
};

const kafka = testKafka('e2e-outbox');
const logger = new Logger('OutboxRelayTest');
const outbox = new Outbox('/shop/e2e');
const stepSchema = z.object({ orderId: z.string(), step: z.number().int() });

describe('transactional outbox and relay (real PostgreSQL and Kafka)', () => {
  let database: ScratchDatabase<Client>;
  let topic: string;
  let stepTaken: ReturnType<typeof defineEvent<z.infer<typeof stepSchema>>>;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase<Client>('order');
    topic = await createTestTopic(kafka, 'outbox');
    stepTaken = defineEvent({ type: 'shop.e2e.step-taken.v1', topic, version: 1, schema: stepSchema, key: (d) => d.orderId });
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  });
  afterAll(() => database.drop());

  const startRelay = async (options: { safetyPollMs?: number; gatherForMs?: number } = {}) => {
    const relay = new OutboxRelay({ databaseUrl: database.url, kafka, logger, batchSize: 50, ...options });
    relays.push(relay);
    await relay.start();
    return relay;
  };

  const commit = (events: { orderId: string; step: number }[]) =>
    database.client.$transaction(async (tx) => {
      for (const data of events) await outbox.publish(tx, stepTaken, data);
    });

  it('publishes committed events in order per key across partitions, with their CloudEvents headers', async () => {
    const recorder = await recordTopic(kafka, topic);
    try {
      const keys = Array.from({ length: 8 }, (_, i) => `order-a${i}`);
      for (let step = 0; step < 25; step++) await commit(keys.map((orderId) => ({ orderId, step })));
      await startRelay();

      await waitFor('all 200 events', async () => (recorder.received.length >= 200 ? true : undefined));
      for (const key of keys) {
        const steps = recorder.received.filter((m) => m.key === key).map((m) => (m.value as { step: number }).step);
        expect(steps).toEqual(Array.from({ length: 25 }, (_, i) => i));
      }
      expect(new Set(recorder.received.map((m) => m.partition)).size).toBeGreaterThan(1);
      expect(recorder.received[0]!.headers).toMatchObject({
        ce_type: 'shop.e2e.step-taken.v1',
        ce_source: '/shop/e2e',
        ce_specversion: '1.0',
        ce_subject: recorder.received[0]!.key,
        'content-type': 'application/json',
      });
      const [{ pending }] = await database.client.$queryRawUnsafe<{ pending: number }[]>(
        'SELECT count(*)::int AS pending FROM outbox WHERE published_at IS NULL',
      );
      expect(pending).toBe(0);
    } finally {
      await recorder.stop();
    }
  });

  it('publishes nothing from a transaction that rolls back', async () => {
    const recorder = await recordTopic(kafka, topic);
    try {
      await startRelay();
      await expect(
        database.client.$transaction(async (tx) => {
          await outbox.publish(tx, stepTaken, { orderId: 'order-rolled-back', step: 1 });
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');
      await commit([{ orderId: 'order-after-rollback', step: 1 }]);

      await waitFor('the committed event', async () =>
        recorder.received.some((m) => m.key === 'order-after-rollback') ? true : undefined,
      );
      expect(recorder.received.some((m) => m.key === 'order-rolled-back')).toBe(false);
    } finally {
      await recorder.stop();
    }
  });

  it('publishAtCommit writes a transaction\'s rows when its batch is flushed, in one statement and in order', async () => {
    const recorder = await recordTopic(kafka, topic);
    try {
      const rowsBeforeFlush = await database.client.$transaction(async (tx) => {
        const batch = new PendingWrites();
        for (let step = 0; step < 5; step++) await outbox.publishAtCommit(batch, tx, stepTaken, { orderId: 'order-at-commit', step });
        const [{ rows }] = await tx.$queryRawUnsafe<{ rows: number }[]>(`SELECT count(*)::int AS rows FROM outbox WHERE key = 'order-at-commit'`);
        await batch.flush();
        return rows;
      });
      expect(rowsBeforeFlush).toBe(0);
      // One statement: the five rows share its command id (cmin), and their sequence follows the order they were published in.
      const written = await database.client.$queryRawUnsafe<{ step: number; command: string }[]>(
        `SELECT (payload->>'step')::int AS step, cmin::text AS command FROM outbox WHERE key = 'order-at-commit' ORDER BY sequence`,
      );
      expect(written.map((row) => row.step)).toEqual([0, 1, 2, 3, 4]);
      expect(new Set(written.map((row) => row.command)).size).toBe(1);

      await startRelay();
      await waitFor('the five events', async () => (recorder.received.filter((m) => m.key === 'order-at-commit').length >= 5 ? true : undefined));
      const steps = recorder.received.filter((m) => m.key === 'order-at-commit').map((m) => (m.value as { step: number }).step);
      expect(steps).toEqual([0, 1, 2, 3, 4]);
    } finally {
      await recorder.stop();
    }
  });

  describe('publishWithChange', () => {
    const changeStep = (orderId: string, step: number | null) => ({
      sql: 'INSERT INTO e2e_step (order_id, step) VALUES ($1, $2) ON CONFLICT (order_id) DO NOTHING RETURNING order_id, step',
      values: [orderId, step],
    });
    const outboxRows = (key: string) =>
      database.client.$queryRawUnsafe<{ step: number; transaction: string; command: string }[]>(
        `SELECT (payload->>'step')::int AS step, xmin::text AS transaction, cmin::text AS command FROM outbox WHERE key = $1 ORDER BY sequence`,
        key,
      );

    beforeAll(() => database.client.$executeRawUnsafe('CREATE TABLE e2e_step (order_id text PRIMARY KEY, step int NOT NULL)'));

    it('writes the change and its event in one statement, and the relay publishes it', async () => {
      const recorder = await recordTopic(kafka, topic);
      try {
        const changed = await outbox.publishWithChange(database.client, changeStep('order-with-change', 1), stepTaken, { orderId: 'order-with-change', step: 1 });
        expect(changed).toEqual([{ order_id: 'order-with-change', step: 1 }]);
        const [stored] = await database.client.$queryRawUnsafe<{ transaction: string; command: string }[]>(
          `SELECT xmin::text AS transaction, cmin::text AS command FROM e2e_step WHERE order_id = 'order-with-change'`,
        );
        // One statement: the change and the outbox row share its transaction and its command id.
        expect(await outboxRows('order-with-change')).toEqual([{ step: 1, ...stored }]);

        await startRelay();
        await waitFor('the event', async () => (recorder.received.some((m) => m.key === 'order-with-change') ? true : undefined));
      } finally {
        await recorder.stop();
      }
    });

    it('writes no event when the change returned no row', async () => {
      await outbox.publishWithChange(database.client, changeStep('order-changed-once', 1), stepTaken, { orderId: 'order-changed-once', step: 1 });
      const again = await outbox.publishWithChange(database.client, changeStep('order-changed-once', 2), stepTaken, { orderId: 'order-changed-once', step: 2 });
      expect(again).toEqual([]);
      expect((await outboxRows('order-changed-once')).map((row) => row.step)).toEqual([1]);
    });

    it('writes no event when the change fails, and no change when the event breaks its contract', async () => {
      await expect(
        outbox.publishWithChange(database.client, changeStep('order-change-fails', null), stepTaken, { orderId: 'order-change-fails', step: 1 }),
      ).rejects.toThrow(/null value in column "step"/);
      expect(await outboxRows('order-change-fails')).toEqual([]);

      await expect(
        outbox.publishWithChange(database.client, changeStep('order-invalid-event', 1), stepTaken, { orderId: 'order-invalid-event', step: 1.5 }),
      ).rejects.toThrow(/shop.e2e.step-taken.v1 refused/);
      const [{ changes }] = await database.client.$queryRawUnsafe<{ changes: number }[]>(
        `SELECT count(*)::int AS changes FROM e2e_step WHERE order_id = 'order-invalid-event'`,
      );
      expect(changes).toBe(0);
    });
  });

  it('refuses an event that breaks its contract, so no invalid event is ever stored', async () => {
    await expect(
      database.client.$transaction((tx) => outbox.publish(tx, stepTaken, { orderId: 'x', step: 1.5 })),
    ).rejects.toThrow(/shop.e2e.step-taken.v1 refused: step: /);
  });

  it('wakes on NOTIFY: an event arrives long before the safety poll would run', async () => {
    const recorder = await recordTopic(kafka, topic);
    try {
      const relay = await startRelay({ safetyPollMs: 120_000 });
      await relay.flush();
      await commit([{ orderId: 'order-notified', step: 1 }]);
      await waitFor(
        'the event, woken by NOTIFY',
        async () => (recorder.received.some((m) => m.key === 'order-notified') ? true : undefined),
        { timeoutMs: 10_000 },
      );
    } finally {
      await recorder.stop();
    }
  });

  it('lets only one relay publish a database at a time', async () => {
    const leader = await startRelay();
    const standby = new OutboxRelay({ databaseUrl: database.url, kafka, logger, safetyPollMs: 200 });
    const standbyStarted = standby.start();
    await commit([{ orderId: 'order-leader', step: 1 }]);
    await waitFor('the leader to publish', async () => (leader.published > 0 ? true : undefined));
    await leader.stop();
    relays.length = 0;
    relays.push(standby);
    await standbyStarted;
    await commit([{ orderId: 'order-standby', step: 1 }]);
    await waitFor('the standby, now leader, to publish', async () => (standby.published > 0 ? true : undefined));
    expect(standby.published).toBe(1);
  });

  describe('with gatherForMs, while commits keep coming', () => {
    const publishedAtOf = async (key: string) =>
      (
        await database.client.$queryRawUnsafe<{ publishedAt: string }[]>(
          `SELECT published_at::text AS "publishedAt" FROM outbox WHERE key = $1 ORDER BY sequence`,
          key,
        )
      ).map(({ publishedAt }) => publishedAt);

    it('publishes the first commit after a quiet spell at once, and the commits of its window together', async () => {
      const recorder = await recordTopic(kafka, topic);
      try {
        // A window far longer than waitFor's timeout: the first event arrives only if it is not held.
        const relay = await startRelay({ safetyPollMs: 120_000, gatherForMs: 600_000 });
        const key = 'order-gathered';
        await commit([{ orderId: key, step: 1 }]);
        await waitFor('the first event, at once', async () => (recorder.received.some((m) => m.key === key) ? true : undefined), {
          timeoutMs: 10_000,
        });
        for (const step of [2, 3, 4]) await commit([{ orderId: key, step }]);
        await relay.flush();
        await waitFor('the three gathered events', async () => (recorder.received.filter((m) => m.key === key).length === 4 ? true : undefined));
        await relay.stop();
        // Rows are stamped by the round trip after the one that read them: one stamp, one round.
        const [first, ...gathered] = await publishedAtOf(key);
        expect(new Set(gathered)).toEqual(new Set([gathered[0]]));
        expect(gathered[0]).not.toBe(first);
        expect(recorder.received.filter((m) => m.key === key).map((m) => (m.value as { step: number }).step)).toEqual([1, 2, 3, 4]);
      } finally {
        await recorder.stop();
      }
    });

    it('publishes what it held when the window ends, with no other wake-up', async () => {
      const recorder = await recordTopic(kafka, topic);
      try {
        await startRelay({ safetyPollMs: 120_000, gatherForMs: 1_000 });
        const key = 'order-window-ends';
        await commit([{ orderId: key, step: 1 }]);
        await waitFor('the first event', async () => (recorder.received.some((m) => m.key === key) ? true : undefined));
        await commit([{ orderId: key, step: 2 }]);
        await waitFor('the held event, at the end of its window', async () =>
          recorder.received.filter((m) => m.key === key).length === 2 ? true : undefined,
        );
      } finally {
        await recorder.stop();
      }
    });
  });

  describe('stamps the rows Kafka acknowledged in the round trip that reads the next ones', () => {
    const unstampedOf = async (key: string) => {
      const [{ count }] = await database.client.$queryRawUnsafe<{ count: number }[]>(
        'SELECT count(*)::int AS count FROM outbox WHERE key = $1 AND published_at IS NULL',
        key,
      );
      return count;
    };
    const stepsReceived = (recorder: Awaited<ReturnType<typeof recordTopic>>, key: string) =>
      recorder.received.filter((m) => m.key === key).map((m) => (m.value as { step: number }).step);

    it('sends each event once, one at a time, and the safety poll stamps the last one', async () => {
      const recorder = await recordTopic(kafka, topic);
      try {
        await startRelay({ safetyPollMs: 300 });
        const key = 'order-one-at-a-time';
        for (const step of [1, 2, 3]) {
          await commit([{ orderId: key, step }]);
          await waitFor(`step ${step}`, async () => (stepsReceived(recorder, key).includes(step) ? true : undefined));
        }
        await waitFor('every row stamped', async () => ((await unstampedOf(key)) === 0 ? true : undefined));
        // One key keeps its order: a row sent again after its stamp would arrive before step 4.
        await commit([{ orderId: key, step: 4 }]);
        await waitFor('step 4', async () => (stepsReceived(recorder, key).includes(4) ? true : undefined));
        expect(stepsReceived(recorder, key)).toEqual([1, 2, 3, 4]);
      } finally {
        await recorder.stop();
      }
    });

    it('leaves nothing unstamped once stopped, so the next publisher sends nothing again', async () => {
      const recorder = await recordTopic(kafka, topic);
      try {
        const relay = await startRelay({ safetyPollMs: 120_000 });
        const key = 'order-stamped-at-stop';
        await commit([{ orderId: key, step: 1 }]);
        await waitFor('the event', async () => (stepsReceived(recorder, key).length > 0 ? true : undefined));
        await relay.stop();
        expect(await unstampedOf(key)).toBe(0);
      } finally {
        await recorder.stop();
      }
    });
  });
});
