import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { type PartitionMetadata, Partitioners } from 'kafkajs';
import { createBreaker, type Delivery, type DeliveryOutcome, type EventConsumerOptions } from '@shop/runtime';
import { noteRow, recordingLogger, useConsumerTestbed } from '../support/kafka-consumer-harness.js';
import { type Note, noteTakenOn, SAMPLE_TRACEPARENT } from '../support/kafka-note-events.js';
import { committedOffsets, messageCount, recordRawTopic } from '../support/kafka-topic-probes.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-consumer');

/**
 * `perPartition` random keys on each of `partitions` partitions, as the producers' DefaultPartitioner
 * places them: six random keys all land on one of three partitions once in 243 runs.
 */
function keysOnEveryPartition(perPartition: number, partitions: number): string[] {
  const partitionOf = Partitioners.DefaultPartitioner();
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 0 }) as PartitionMetadata);
  const byPartition = Array.from({ length: partitions }, () => [] as string[]);
  while (byPartition.some((keys) => keys.length < perPartition)) {
    const key = randomUUID();
    const keys = byPartition[partitionOf({ topic: 'keys', partitionMetadata, message: { key, value: null } })]!;
    if (keys.length < perPartition) keys.push(key);
  }
  return byPartition.flat();
}

describe('EventConsumer: inbox, retries and dead letters (real Kafka and PostgreSQL)', () => {
  const testbed = useConsumerTestbed(kafka);
  const admin = kafka.admin();
  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  const orderRows = async (id: string) => testbed.database.client.order.count({ where: { id } });

  it('handles an event once, its write committed with the inbox row; the same event delivered again changes nothing', async () => {
    const noteTaken = noteTakenOn(await testbed.harness.topic('once'));
    const handled: string[] = [];
    const outcomes: [string, DeliveryOutcome][] = [];
    const consumer = testbed.harness
      .consumer('once', { observer: { settled: (delivery, outcome) => outcomes.push([String(delivery.message.headers!.ce_id), outcome]) } })
      .on(noteTaken, async (note, { envelope, tx }) => {
        handled.push(envelope.id);
        await tx.order.create({ data: noteRow(envelope.id, note.orderId, `noted-${note.seq}`) });
      });
    await consumer.start();

    const orderId = randomUUID();
    const first = await testbed.producer.send(noteTaken, { orderId, seq: 0 });
    await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { id: first.id });
    const marker = await testbed.producer.send(noteTaken, { orderId, seq: 1 });

    // Settled, not only handled: the outcome is told after the transaction commits.
    await waitFor('the marker event after the duplicate', async () => (outcomes.some(([id]) => id === marker.id) ? true : undefined));
    expect(handled).toEqual([first.id, marker.id]);
    expect(outcomes).toEqual([
      [first.id, 'handled'],
      [first.id, 'duplicate'],
      [marker.id, 'handled'],
    ]);
    expect(await testbed.harness.inbox(consumer.groupId)).toEqual([
      { event_id: first.id, type: noteTaken.type },
      { event_id: marker.id, type: noteTaken.type },
    ]);
    expect(await orderRows(first.id)).toBe(1);
  });

  it('retries a failing handler `attempts` times, dead-letters the event with every header, then handles the next one of the key', async () => {
    const topic = await testbed.harness.topic('dead-letter');
    const noteTaken = noteTakenOn(topic);
    const attempts: [number, number][] = [];
    const consumer = testbed.harness
      .consumer('dead-letter', { retry: { attempts: 3, initialDelayMs: 20, maxDelayMs: 100 } })
      .on(noteTaken, async (note, { attempt }) => {
        attempts.push([note.seq, attempt]);
        if (note.seq === 0) throw new Error('payment provider said no');
      });
    await consumer.start();
    const deadLetters = await recordRawTopic(kafka, `${topic}.dlq.${consumer.groupId}`);
    try {
      const orderId = randomUUID();
      const failing = await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { headers: { 'x-tenant': 'acme' } });
      const next = await testbed.producer.send(noteTaken, { orderId, seq: 1 });

      await waitFor('the next event of the key', async () => (attempts.some(([seq]) => seq === 1) ? true : undefined));
      expect(attempts).toEqual([[0, 1], [0, 2], [0, 3], [1, 1]]);
      const [deadLetter] = await waitFor('the dead letter', async () => (deadLetters.received.length ? deadLetters.received : undefined));
      expect(deadLetters.received).toHaveLength(1);
      expect(deadLetter).toMatchObject({ key: orderId, value: failing.value, partition: failing.partition });
      expect(deadLetter!.headers).toEqual({
        ce_id: failing.id,
        ce_type: noteTaken.type,
        ce_source: '/shop/e2e',
        ce_specversion: '1.0',
        ce_time: expect.any(String),
        ce_subject: orderId,
        ce_correlationid: failing.id,
        ce_causationid: failing.id,
        'content-type': 'application/json',
        traceparent: SAMPLE_TRACEPARENT,
        'x-tenant': 'acme',
        dlq_reason: 'handler-failed',
        dlq_error: 'payment provider said no',
        dlq_attempts: '3',
        dlq_original_topic: topic,
        dlq_original_partition: String(failing.partition),
        dlq_original_offset: failing.offset,
        dlq_consumer_group: consumer.groupId,
        dlq_failed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      expect(await testbed.harness.inbox(consumer.groupId)).toEqual([{ event_id: next.id, type: noteTaken.type }]);
      await waitFor('the offset past both events to be committed', async () =>
        (await committedOffsets(kafka, consumer.groupId, topic)).get(next.partition) === String(Number(next.offset) + 1) ? true : undefined,
      );
    } finally {
      await deadLetters.stop();
    }
  });

  it('dead-letters an invalid event at once without calling the handler, skips other event types, and goes on', async () => {
    const topic = await testbed.harness.topic('invalid');
    const noteTaken = noteTakenOn(topic);
    const handled: Note[] = [];
    const consumer = testbed.harness.consumer('invalid').on(noteTaken, async (note) => void handled.push(note));
    await consumer.start();
    const deadLetters = await recordRawTopic(kafka, `${topic}.dlq.${consumer.groupId}`);
    try {
      const orderId = randomUUID();
      await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { rawValue: JSON.stringify({ orderId, seq: -1 }) });
      await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { rawValue: '{"orderId": "not even json' });
      await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { withoutHeaders: ['ce_id'] });
      await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { type: 'shop.e2e.someone-elses-event.v1' });
      await testbed.producer.send(noteTaken, { orderId, seq: 1 });

      await waitFor('the valid event after the invalid ones', async () => (handled.length ? true : undefined));
      expect(handled).toEqual([{ orderId, seq: 1 }]);
      await waitFor('three dead letters', async () => (deadLetters.received.length >= 3 ? true : undefined));
      expect(deadLetters.received.map(({ headers }) => [headers.dlq_reason, headers.dlq_attempts])).toEqual([
        ['invalid-data', '1'],
        ['invalid-json', '1'],
        ['invalid-envelope', '1'],
      ]);
      expect(deadLetters.received.map(({ headers }) => headers.dlq_error)).toEqual([
        expect.stringContaining('seq'),
        expect.stringMatching(/json/i),
        'missing header ce_id',
      ]);
      expect(await messageCount(kafka, `${topic}.dlq.${consumer.groupId}`)).toBe(3);
    } finally {
      await deadLetters.stop();
    }
  });

  it('does not commit past an event whose dead letter cannot be written, and writes it once the dead-letter topic is back', async () => {
    const topic = await testbed.harness.topic('dead-letter-down');
    const noteTaken = noteTakenOn(topic);
    const handled: Note[] = [];
    const logger = recordingLogger();
    const consumer = testbed.harness.consumer('dead-letter-down', { logger }).on(noteTaken, async (note) => void handled.push(note));
    await consumer.start();
    const deadLetterTopic = `${topic}.dlq.${consumer.groupId}`;
    await admin.deleteTopics({ topics: [deadLetterTopic] });

    const orderId = randomUUID();
    const invalid = await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { rawValue: 'not json' });
    await testbed.producer.send(noteTaken, { orderId, seq: 1 });
    await waitFor('the dead letter to fail', async () => (logger.lines.some((line) => line.includes('could not write the dead letter')) ? true : undefined), {
      timeoutMs: 30_000,
    });
    expect(handled).toEqual([]);
    expect((await committedOffsets(kafka, consumer.groupId, topic)).get(invalid.partition)).not.toBe(String(Number(invalid.offset) + 1));

    await admin.createTopics({ topics: [{ topic: deadLetterTopic, numPartitions: 3 }], waitForLeaders: true });
    await waitFor('the event after it', async () => (handled.length ? true : undefined), { timeoutMs: 30_000 });
    expect(handled).toEqual([{ orderId, seq: 1 }]);
    expect(await messageCount(kafka, deadLetterTopic)).toBeGreaterThanOrEqual(1);
  });

  it('rolls the inbox row back with a failed handler transaction, so the retry handles the event instead of skipping it', async () => {
    const noteTaken = noteTakenOn(await testbed.harness.topic('rollback'));
    const attempts: number[] = [];
    let committedInboxRowsSeenByRetry: number | undefined;
    const consumer = testbed.harness.consumer('rollback').on(noteTaken, async (note, { envelope, tx, attempt }) => {
      attempts.push(attempt);
      await tx.order.create({ data: noteRow(envelope.id, note.orderId, 'noted') });
      if (attempt === 1) {
        // Fails in the database, after the inbox insert and the handler's first write.
        await tx.order.create({ data: noteRow(envelope.id, note.orderId, 'noted twice') });
      } else {
        committedInboxRowsSeenByRetry = (await testbed.harness.inbox(consumer.groupId)).length;
      }
    });
    await consumer.start();

    const event = await testbed.producer.send(noteTaken, { orderId: randomUUID(), seq: 0 });

    await waitFor('the event to be handled', async () => ((await testbed.harness.inbox(consumer.groupId)).length ? true : undefined));
    expect(attempts).toEqual([1, 2]);
    expect(committedInboxRowsSeenByRetry).toBe(0);
    expect(await testbed.harness.inbox(consumer.groupId)).toEqual([{ event_id: event.id, type: noteTaken.type }]);
    expect(await orderRows(event.id)).toBe(1);
  });

  it('keeps the order of each key across 3 partitions while retrying and dead-lettering', async () => {
    const topic = await testbed.harness.topic('ordering');
    const noteTaken = noteTakenOn(topic);
    const keys = keysOnEveryPartition(2, 3);
    const poisoned = { orderId: keys[0]!, seq: 5 };
    const handled = new Map<string, number[]>(keys.map((key) => [key, []]));
    const partitions = new Set<number>();
    // Counted once its transaction commits: a handler may run again after a rollback (its own failure,
    // or another event's in the transaction they shared), so what counts is what committed, in order.
    const observer = {
      settled: ({ partition, message }: Delivery, outcome: DeliveryOutcome) => {
        if (outcome !== 'handled') return;
        const note = JSON.parse(message.value!.toString()) as { orderId: string; seq: number };
        handled.get(note.orderId)!.push(note.seq);
        partitions.add(partition);
      },
    };
    const consumer = testbed.harness.consumer('ordering', { observer }).on(noteTaken, async (note, { attempt }) => {
      const isPoisoned = note.orderId === poisoned.orderId && note.seq === poisoned.seq;
      if (isPoisoned || (note.seq % 4 === 1 && attempt === 1)) throw new Error(`note ${note.seq} failed on try ${attempt}`);
    });
    await consumer.start();

    const seqs = Array.from({ length: 10 }, (_, seq) => seq);
    await testbed.producer.sendAll(noteTaken, seqs.flatMap((seq) => keys.map((orderId) => ({ orderId, seq }))));

    await waitFor('every event but the poisoned one', async () =>
      [...handled.values()].reduce((sum, list) => sum + list.length, 0) === keys.length * seqs.length - 1 ? true : undefined,
    );
    for (const key of keys) {
      expect(handled.get(key)).toEqual(key === poisoned.orderId ? seqs.filter((seq) => seq !== poisoned.seq) : seqs);
    }
    expect(partitions.size).toBeGreaterThan(1);
    const deadLetterTopic = `${topic}.dlq.${consumer.groupId}`;
    await waitFor('the poisoned event in the dead-letter topic', async () => ((await messageCount(kafka, deadLetterTopic)) === 1 ? true : undefined));
  });

  describe('events fetched together share a transaction', () => {
    const EVENTS = 10;

    /** Sends EVENTS notes of one key before the consumer starts, so its first fetch brings them together. */
    const consumeTogether = async (
      name: string,
      options: { failOnce?: number; maxEventsPerTransaction?: number; pauseWhile?: EventConsumerOptions<never>['pauseWhile'] } = {},
    ) => {
      const noteTaken = noteTakenOn(await testbed.harness.topic(name));
      const orderId = randomUUID();
      await testbed.producer.sendAll(noteTaken, Array.from({ length: EVENTS }, (_, seq) => ({ orderId, seq })));
      const transactions = new Map<number, string>();
      const settled: [number, DeliveryOutcome][] = [];
      const seqOf = (delivery: Delivery) => (JSON.parse(delivery.message.value!.toString()) as Note).seq;
      const consumer = testbed.harness
        .consumer(name, {
          ...(options.maxEventsPerTransaction && { maxEventsPerTransaction: options.maxEventsPerTransaction }),
          ...(options.pauseWhile && { pauseWhile: options.pauseWhile }),
          observer: { settled: (delivery, outcome) => void settled.push([seqOf(delivery), outcome]) },
        })
        .on(noteTaken, async (note, { envelope, tx, attempt }) => {
          if (note.seq === options.failOnce && attempt === 1) throw new Error(`note ${note.seq} fails once`);
          await tx.order.create({ data: noteRow(envelope.id, note.orderId, `noted-${note.seq}`) });
          const [{ id }] = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT txid_current()::text AS id');
          transactions.set(note.seq, id);
        });
      await consumer.start();
      await waitFor(`${EVENTS} events settled`, async () => (settled.length >= EVENTS ? true : undefined));
      const inbox = await testbed.harness.inbox(consumer.groupId);
      const committed = await testbed.database.client.order.count({ where: { customerId: orderId } });
      return { settled, transactions: new Set(transactions.values()), inbox, committed };
    };
    const everyEvent = Array.from({ length: EVENTS }, (_, seq) => [seq, 'handled']);

    it('handles them in one transaction (one inbox statement, one commit), each once, in order', async () => {
      const { settled, transactions, inbox, committed } = await consumeTogether('together');
      expect(settled).toEqual(everyEvent);
      expect(transactions.size).toBeLessThan(EVENTS);
      expect(inbox).toHaveLength(EVENTS);
      expect(committed).toBe(EVENTS);
    });

    it('rolls them all back when one fails, then handles them one at a time: each committed once, in order', async () => {
      const { settled, transactions, inbox, committed } = await consumeTogether('together-failing', { failOnce: 4 });
      expect(settled).toEqual(everyEvent);
      // The events before the failing one were handled in the transaction that rolled back, then again on their own.
      expect(transactions.size).toBeGreaterThanOrEqual(5);
      expect(inbox).toHaveLength(EVENTS);
      expect(committed).toBe(EVENTS);
    });

    it('gives each event its own transaction with maxEventsPerTransaction 1', async () => {
      const { settled, transactions } = await consumeTogether('one-by-one', { maxEventsPerTransaction: 1 });
      expect(settled).toEqual(everyEvent);
      expect(transactions.size).toBe(EVENTS);
    });

    it('gives each event its own transaction when the handlers call the outside world (a breaker pauses the consumer)', async () => {
      const smtp = createBreaker(`it-outside-${randomUUID()}`, async () => undefined);
      const { settled, transactions } = await consumeTogether('outside-effects', { pauseWhile: [smtp] });
      expect(settled).toEqual(everyEvent);
      expect(transactions.size).toBe(EVENTS);
    });

    /** Two notes of each of two keys on every partition, sent before the consumer starts, so its first fetch brings every partition. */
    const consumeAcrossPartitions = async (name: string, options: { failOnce?: number; maxEventsPerTransaction?: number } = {}) => {
      const noteTaken = noteTakenOn(await testbed.harness.topic(name));
      const keys = keysOnEveryPartition(2, 3);
      const notes = keys.flatMap((orderId, k) => [0, 1].map((n) => ({ orderId, seq: 2 * k + n })));
      await testbed.producer.sendAll(noteTaken, notes);
      const partitionsOfTransaction = new Map<string, Set<number>>();
      const outOfOrder: number[] = [];
      const consumer = testbed.harness
        .consumer(name, { ...(options.maxEventsPerTransaction && { maxEventsPerTransaction: options.maxEventsPerTransaction }) })
        .on(noteTaken, async (note, { envelope, tx, attempt, partition }) => {
          if (note.seq === options.failOnce && attempt === 1) throw new Error(`note ${note.seq} fails once`);
          // A key's second note must find its first one written: committed before, or earlier in this transaction.
          const inOrder = note.seq % 2 === 0 || (await tx.order.count({ where: { customerId: note.orderId, statusReason: `noted-${note.seq - 1}` } })) === 1;
          if (!inOrder) outOfOrder.push(note.seq);
          await tx.order.create({ data: noteRow(envelope.id, note.orderId, `noted-${note.seq}`) });
          const [{ id }] = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT txid_current()::text AS id');
          partitionsOfTransaction.set(id, (partitionsOfTransaction.get(id) ?? new Set()).add(partition));
        });
      await consumer.start();
      const committed = async () =>
        (await testbed.database.client.order.findMany({ where: { customerId: { in: keys } }, select: { statusReason: true } }))
          .map(({ statusReason }) => Number(statusReason!.slice('noted-'.length)))
          .sort((a, b) => a - b);
      await waitFor(`${notes.length} notes committed`, async () => ((await committed()).length >= notes.length ? true : undefined));
      const inbox = await testbed.harness.inbox(consumer.groupId);
      const widest = Math.max(...[...partitionsOfTransaction.values()].map((partitions) => partitions.size));
      return { every: notes.map(({ seq }) => seq), committed: await committed(), outOfOrder, inbox, widest };
    };

    it('handles the events of the partitions a fetch brings at once in one transaction, each once, each key in order', async () => {
      const { every, committed, outOfOrder, inbox, widest } = await consumeAcrossPartitions('across-partitions');
      expect(widest).toBeGreaterThan(1);
      expect(committed).toEqual(every);
      expect(outOfOrder).toEqual([]);
      expect(inbox).toHaveLength(every.length);
    });

    it('takes every partition of a failed shared transaction one at a time: each event committed once, each key in order', async () => {
      const { every, committed, outOfOrder, inbox } = await consumeAcrossPartitions('across-partitions-failing', { failOnce: 5 });
      expect(committed).toEqual(every);
      expect(outOfOrder).toEqual([]);
      expect(inbox).toHaveLength(every.length);
    });

    it('shares no transaction between partitions with maxEventsPerTransaction 1', async () => {
      const { widest } = await consumeAcrossPartitions('across-partitions-one-by-one', { maxEventsPerTransaction: 1 });
      expect(widest).toBe(1);
    });
  });

  it('gathers events written apart into one fetch, and a shared transaction, with gatherEventsForMs', async () => {
    expect(() => testbed.harness.consumer('gathering-invalid', { gatherEventsForMs: 0 })).toThrow('gatherEventsForMs must be a positive integer');
    const noteTaken = noteTakenOn(await testbed.harness.topic('gathering'));
    const orderId = randomUUID(); // one key: one partition
    const transactions = new Map<number, string>();
    const consumer = testbed.harness.consumer('gathering', { gatherEventsForMs: 2_500 }).on(noteTaken, async (note, { tx }) => {
      const [{ id }] = await tx.$queryRawUnsafe<{ id: string }[]>('SELECT txid_current()::text AS id');
      transactions.set(note.seq, id);
    });
    await consumer.start();
    await testbed.producer.send(noteTaken, { orderId, seq: 0 });
    await waitFor('the first event handled: the consumer is fetching', async () => (transactions.has(0) ? true : undefined));

    // Written apart on purpose (the scenario, not a wait): without gathering, each would come in a fetch of its own.
    const apart = [1, 2, 3, 4];
    for (const seq of apart) {
      await testbed.producer.send(noteTaken, { orderId, seq });
      await delay(200);
    }
    await waitFor('every event handled', async () => (transactions.size === 1 + apart.length ? true : undefined));
    // The four were written within ~1 s of each other: inside one 2.5 s window, or across two at most.
    expect(new Set(apart.map((seq) => transactions.get(seq))).size).toBeLessThanOrEqual(2);
  });

  it('commits at most once a second while busy (not once per message), and the last offset once idle', async () => {
    const noteTaken = noteTakenOn(await testbed.harness.topic('commit-pacing'));
    const orderId = randomUUID(); // one key: one partition, every event in its own fetch when sent one by one
    const handled: number[] = [];
    const commits: number[] = [];
    // kafkajs tells each OffsetCommit it sends; the consumer's own kafkajs consumer is built through this.
    const countingKafka = Object.create(kafka) as typeof kafka;
    countingKafka.consumer = (config) => {
      const inner = kafka.consumer(config);
      inner.on(inner.events.COMMIT_OFFSETS, () => void commits.push(Date.now()));
      return inner;
    };
    const consumer = testbed.harness.consumer('commit-pacing', { kafka: countingKafka }).on(noteTaken, async (note) => void handled.push(note.seq));
    await consumer.start();

    const events = 12;
    const started = Date.now();
    for (let seq = 0; seq < events; seq += 1) {
      await testbed.producer.send(noteTaken, { orderId, seq });
      await waitFor(`event ${seq} handled`, async () => (handled.includes(seq) ? true : undefined));
    }
    const busySeconds = (Date.now() - started) / 1000;
    expect(handled).toEqual(Array.from({ length: events }, (_, seq) => seq));
    // Upstream kafkajs committed after every fetch: `events` commits here (patches/kafkajs@2.2.4.patch).
    expect(commits.length).toBeLessThanOrEqual(Math.ceil(busySeconds) + 1);
    expect(commits.length).toBeLessThan(events);

    await waitFor('the last offset committed while nothing more arrives', async () => {
      const committed = await committedOffsets(kafka, consumer.groupId, noteTaken.topic);
      return [...committed.values()].some((offset) => offset === String(events)) ? true : undefined;
    });
  });
});
