import { randomUUID } from 'node:crypto';
import { deadLetterTopic } from '@shop/event-contracts';
import { MessagingPruner, PastDeduplicationWindowError, replayDeadLetters, type SqlExecutor } from '@shop/runtime';
import { noteRow, recordingLogger, useConsumerTestbed } from '../support/kafka-consumer-harness.js';
import { noteTakenOn } from '../support/kafka-note-events.js';
import { messageCount } from '../support/kafka-topic-probes.js';
import { createTopicsWithLeaders, testKafka } from '../support/kafka-test-topics.js';
import { waitFor } from '../support/wait-for.js';

// The bounds of docs/adr/0005-bounded-messaging-tables.md against the real
// PostgreSQL and Kafka: what the pruner deletes and what it must keep, and the
// dead-letter replay at the edge of the deduplication window.

const kafka = testKafka('e2e-messaging-retention');
const HOUR = 3600;
const retention = { SHOP_OUTBOX_RETENTION_S: HOUR, SHOP_INBOX_WINDOW_S: HOUR, SHOP_PRUNE_INTERVAL_S: 60 };

describe('bounded outbox and inbox (real PostgreSQL and Kafka)', () => {
  const testbed = useConsumerTestbed(kafka);
  const sql = (): SqlExecutor => testbed.database.client;
  const pruner = (batchSize = 2) => new MessagingPruner({ database: sql(), retention, logger: recordingLogger(), batchSize });
  beforeEach(async () => {
    await sql().$executeRawUnsafe('TRUNCATE outbox, inbox');
  });

  /** Outbox rows written `ageS` seconds ago, published then unless `unpublished`; returns their ids. */
  async function outboxRows(count: number, ageS: number, { unpublished = false } = {}): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    await sql().$executeRawUnsafe(
      `INSERT INTO outbox (id, topic, key, type, headers, payload, created_at, published_at)
       SELECT id, 'it.topic', 'k', 'shop.e2e.v1', '{}', '{}', now() - make_interval(secs => $2), ${unpublished ? 'NULL' : 'now() - make_interval(secs => $2)'}
         FROM unnest($1::uuid[]) AS id`,
      ids,
      ageS,
    );
    return ids;
  }
  const outboxIds = async () =>
    new Set((await sql().$queryRawUnsafe<{ id: string }[]>('SELECT id::text FROM outbox')).map((row) => row.id));

  it('deletes published outbox rows past the retention, never an unpublished one however old, nor a recent one', async () => {
    await outboxRows(5, HOUR + 60);
    const recent = await outboxRows(3, HOUR - 60);
    const stuck = await outboxRows(4, 10 * HOUR, { unpublished: true });
    expect(await pruner().pruneNow()).toEqual({ outbox: 5, inbox: 0 });
    expect(await outboxIds()).toEqual(new Set([...recent, ...stuck]));
  });

  it('skips a row another session holds, without waiting for it, and two pruners at once delete each row once', async () => {
    const old = await outboxRows(40, HOUR + 60);
    const holder = testbed.database.client;
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    // Another pruner (or a replica's) in the middle of a batch: its rows are locked.
    const transaction = holder.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SELECT 1 FROM outbox WHERE id = $1::uuid FOR UPDATE', old[0]);
      held();
      await released;
    });
    await holding;
    const started = Date.now();
    const [a, b] = await Promise.all([pruner(3).pruneNow(), pruner(3).pruneNow()]);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(a.outbox + b.outbox).toBe(39);
    release();
    await transaction;
    expect(await outboxIds()).toEqual(new Set([old[0]]));
  });

  it('keeps every inbox id inside the window, measured from the newest handled event, not from now', async () => {
    const insert = (group: string, ageS: number) =>
      sql().$executeRawUnsafe(
        "INSERT INTO inbox (consumer_group, event_id, type, processed_at) VALUES ($1, $2, 'shop.e2e.v1', now() - make_interval(secs => $3))",
        group,
        randomUUID(),
        ageS,
      );
    // A consumer that stopped 10 hours ago: its last hour is kept however long it stays down.
    for (const ageS of [10 * HOUR, 10 * HOUR + HOUR - 1, 10 * HOUR + HOUR + 1, 12 * HOUR]) await insert('it-stopped', ageS);
    expect(await pruner().pruneNow()).toEqual({ outbox: 0, inbox: 2 });
    const kept = await sql().$queryRawUnsafe<{ age: number }[]>(
      "SELECT round(extract(epoch FROM now() - processed_at))::int AS age FROM inbox ORDER BY processed_at DESC",
    );
    expect(kept.map((row) => row.age)).toEqual([10 * HOUR, 10 * HOUR + HOUR - 1]);
  });

  it('a redelivery inside the window changes nothing; past it (pruned) the event is handled again', async () => {
    const topic = await testbed.harness.topic('retention');
    const noteTaken = noteTakenOn(topic);
    const handled: string[] = [];
    const consumer = testbed.harness.consumer('retention').on(noteTaken, async (note, { envelope, tx }) => {
      handled.push(envelope.id);
      await tx.order.create({ data: noteRow(randomUUID(), note.orderId, `noted-${note.seq}`) });
    });
    await consumer.start();
    const orderId = randomUUID();
    const handledOnce = async (id: string) => waitFor(`${id} handled`, async () => (handled.includes(id) ? true : undefined));
    /** Sends a fresh event after `id` again, in the same partition: once it is handled, so is (or is not) the redelivery. */
    const redeliver = async (id: string, seq: number) => {
      await testbed.producer.send(noteTaken, { orderId, seq }, { id });
      const marker = await testbed.producer.send(noteTaken, { orderId, seq: seq + 1 });
      await handledOnce(marker.id);
    };
    const age = (id: string, ageS: number) =>
      sql().$executeRawUnsafe('UPDATE inbox SET processed_at = now() - make_interval(secs => $2) WHERE event_id = $1', id, ageS);

    const first = await testbed.producer.send(noteTaken, { orderId, seq: 0 });
    await handledOnce(first.id);
    await age(first.id, HOUR - 60); // at the edge of the window, inside
    await redeliver(first.id, 1); // the marker is the newest handled event: the window counts from it
    expect(await pruner().pruneNow()).toEqual({ outbox: 0, inbox: 0 });
    await redeliver(first.id, 3);
    expect(handled.filter((id) => id === first.id)).toHaveLength(1);

    await age(first.id, HOUR + 60); // past it: pruned, forgotten
    expect((await pruner().pruneNow()).inbox).toBe(1);
    await redeliver(first.id, 5);
    expect(handled.filter((id) => id === first.id)).toHaveLength(2);
  });
});

describe('dead-letter replay at the edge of the deduplication window (real Kafka)', () => {
  const group = 'it-retention-replay';
  let topic: string;
  let producer: ReturnType<typeof kafka.producer>;
  beforeAll(async () => {
    topic = `it.retention-replay.${randomUUID()}`;
    await createTopicsWithLeaders(kafka, [topic, deadLetterTopic(topic, group)], 1);
    producer = kafka.producer();
    await producer.connect();
  });
  afterAll(async () => {
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic, deadLetterTopic(topic, group)] }).catch(() => undefined);
    await admin.disconnect();
  });

  /** A dead letter of an event written `ageS` seconds ago. */
  const deadLetterOf = (ageS: number) =>
    producer.send({
      topic: deadLetterTopic(topic, group),
      messages: [
        {
          key: 'k',
          value: '{}',
          headers: { ce_id: randomUUID(), ce_time: new Date(Date.now() - ageS * 1000).toISOString(), dlq_reason: 'handler-failed' },
        },
      ],
    });
  const replay = (more: { dryRun?: boolean; proceedPastIt?: boolean } = {}) =>
    replayDeadLetters({
      kafka,
      topic,
      groupId: group,
      logger: recordingLogger(),
      dryRun: more.dryRun ?? false,
      deduplicationWindow: { seconds: HOUR, proceedPastIt: more.proceedPastIt ?? false },
    });

  it('replays dead letters inside the window, refuses (publishing nothing) one past it, and replays it when told to proceed', async () => {
    await deadLetterOf(HOUR - 60);
    expect(await replay()).toEqual({ replayed: 1, skipped: 0 });
    expect(await messageCount(kafka, topic)).toBe(1);

    await deadLetterOf(HOUR - 60);
    await deadLetterOf(HOUR + 60);
    await expect(replay({ dryRun: true })).rejects.toThrow(PastDeduplicationWindowError);
    await expect(replay()).rejects.toThrow(/older than the inbox's deduplication window \(SHOP_INBOX_WINDOW_S=3600/);
    expect(await messageCount(kafka, topic)).toBe(1);

    expect(await replay({ proceedPastIt: true })).toEqual({ replayed: 2, skipped: 0 });
    expect(await messageCount(kafka, topic)).toBe(3);
  });
});
