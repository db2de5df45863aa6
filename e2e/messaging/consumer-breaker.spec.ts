import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { createBreaker, type EventConsumerStatus } from '@shop/runtime';
import { noteRow, useConsumerTestbed } from '../support/kafka-consumer-harness.js';
import { type Note, noteTakenOn } from '../support/kafka-note-events.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { messageCount } from '../support/kafka-topic-probes.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-consumer-breaker');

/** A stand-in for SMTP or a webhook that the test takes down and brings back. */
class FlakyDependency {
  healthy = false;
  calls = 0;

  async notify(_note: Note): Promise<void> {
    this.calls += 1;
    if (!this.healthy) throw new Error('connect ECONNREFUSED 127.0.0.1:25');
  }
}

describe('EventConsumer paused by an open breaker (real Kafka, PostgreSQL and opossum breaker)', () => {
  const testbed = useConsumerTestbed(kafka);
  // The breaker logs each state change through Nest's logger; the test asserts them instead.
  beforeAll(() => Logger.overrideLogger(false));

  it('loses nothing and dead-letters nothing through an outage: pauses while open, resumes on half-open', async () => {
    const topic = await testbed.harness.topic('breaker');
    const noteTaken = noteTakenOn(topic);
    const dependency = new FlakyDependency();
    // The runtime's opossum breaker; opens on the first failure, tries again 300 ms later.
    const breaker = createBreaker(`it-dependency-${randomUUID()}`, (note: Note) => dependency.notify(note), {
      resetTimeout: 300,
      volumeThreshold: 1,
      errorThresholdPercentage: 1,
      timeout: 5_000,
    });
    const transitions: string[] = [];
    breaker.on('open', () => transitions.push('open'));
    breaker.on('halfOpen', () => transitions.push('halfOpen'));
    breaker.on('close', () => transitions.push('close'));

    const handled = new Map<string, number[]>();
    const consumer = testbed.harness
      .consumer('breaker', { pauseWhile: [breaker], retry: { attempts: 2, initialDelayMs: 20, maxDelayMs: 50 } })
      .on(noteTaken, async (note, { envelope, tx }) => {
        await breaker.fire(note);
        await tx.order.create({ data: noteRow(envelope.id, note.orderId, `noted-${note.seq}`) });
        handled.set(note.orderId, [...(handled.get(note.orderId) ?? []), note.seq]);
      });
    await consumer.start();

    const keys = Array.from({ length: 5 }, () => randomUUID());
    const seqs = Array.from({ length: 6 }, (_, seq) => seq);
    await testbed.producer.sendAll(noteTaken, seqs.flatMap((seq) => keys.map((orderId) => ({ orderId, seq }))));

    const whileOpen = await waitFor('the consumer to report its partitions paused while the breaker is open', async () => {
      const status = consumer.status();
      return breaker.opened && status.pausedPartitions.length > 0 ? status : undefined;
    });
    expect(whileOpen).toEqual<EventConsumerStatus>({
      groupId: consumer.groupId,
      running: true,
      pausedForBreaker: true,
      pausedPartitions: [{ topic, partitions: [0, 1, 2] }],
    });
    await waitFor('the outage to outlast a failed half-open trial', async () =>
      transitions.filter((transition) => transition === 'open').length >= 3 ? true : undefined,
    );
    expect(handled.size).toBe(0);

    dependency.healthy = true;
    await waitFor('all 30 events handled', async () => ((await testbed.harness.inbox(consumer.groupId)).length === 30 ? true : undefined), {
      timeoutMs: 20_000,
    });

    expect(await testbed.database.client.order.count()).toBe(30);
    for (const key of keys) expect(handled.get(key)).toEqual(seqs);
    expect(await messageCount(kafka, `${topic}.dlq.${consumer.groupId}`)).toBe(0);
    expect(transitions.slice(0, 2)).toEqual(['open', 'halfOpen']);
    expect(transitions.slice(-2)).toEqual(['halfOpen', 'close']);
    expect(consumer.status()).toMatchObject({ running: true, pausedForBreaker: false, pausedPartitions: [] });
    breaker.shutdown();
  });
});
