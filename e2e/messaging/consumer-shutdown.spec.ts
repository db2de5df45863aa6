import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { noteRow, useConsumerTestbed } from '../support/kafka-consumer-harness.js';
import { noteTakenOn } from '../support/kafka-note-events.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { committedOffsets, messageCount } from '../support/kafka-topic-probes.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-consumer-shutdown');

/** A promise the test settles from outside. */
function latch() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('EventConsumer graceful shutdown (real Kafka and PostgreSQL)', () => {
  const testbed = useConsumerTestbed(kafka);

  it('lets the event in hand finish and commits it: the next consumer of the group does not get it again', async () => {
    const topic = await testbed.harness.topic('shutdown');
    const noteTaken = noteTakenOn(topic);
    const started = latch();
    const release = latch();
    const timeline: string[] = [];
    const first = testbed.harness.consumer('shutdown').on(noteTaken, async (note, { envelope, tx }) => {
      started.open();
      await release.opened;
      await tx.order.create({ data: noteRow(envelope.id, note.orderId, 'slowly noted') });
      timeline.push('handler finished');
    });
    await first.start();
    const orderId = randomUUID();
    const slow = await testbed.producer.send(noteTaken, { orderId, seq: 0 });
    await started.opened;

    const stopped = first.stop().then(() => timeline.push('stop resolved'));
    // What must not happen cannot be awaited: give stop() a fair chance to return early.
    expect(await Promise.race([stopped.then(() => 'stopped'), delay(500).then(() => 'waiting')])).toBe('waiting');
    release.open();
    await stopped;

    expect(timeline).toEqual(['handler finished', 'stop resolved']);
    expect(first.status().running).toBe(false);
    expect(await testbed.database.client.order.count({ where: { id: slow.id } })).toBe(1);
    expect((await committedOffsets(kafka, first.groupId, topic)).get(slow.partition)).toBe(String(Number(slow.offset) + 1));

    const deliveredToNext: string[] = [];
    const next = testbed.harness
      .consumer('shutdown-next', {
        groupId: first.groupId,
        observer: { settled: (delivery) => deliveredToNext.push(String(delivery.message.headers!.ce_id)) },
      })
      .on(noteTaken, async () => undefined);
    await next.start();
    const marker = await testbed.producer.send(noteTaken, { orderId, seq: 1 });
    await waitFor('the next consumer to handle a new event', async () => (deliveredToNext.includes(marker.id) ? true : undefined));
    expect(deliveredToNext).toEqual([marker.id]);
  });

  it('cuts a retry wait short: the failing event is neither dead-lettered nor committed, the next owner gets it', async () => {
    const topic = await testbed.harness.topic('shutdown-retrying');
    const noteTaken = noteTakenOn(topic);
    const tries: number[] = [];
    const first = testbed.harness
      .consumer('shutdown-retrying', { retry: { attempts: 5, initialDelayMs: 10_000, maxDelayMs: 10_000 } })
      .on(noteTaken, async (_note, { attempt }) => {
        tries.push(attempt);
        throw new Error('still failing');
      });
    await first.start();
    const failing = await testbed.producer.send(noteTaken, { orderId: randomUUID(), seq: 0 });
    await waitFor('the first try', async () => (tries.length ? true : undefined));

    const stopping = Date.now();
    await first.stop();
    expect(Date.now() - stopping).toBeLessThan(5_000);
    expect(tries).toEqual([1]);
    expect(await messageCount(kafka, `${topic}.dlq.${first.groupId}`)).toBe(0);
    expect((await committedOffsets(kafka, first.groupId, topic)).get(failing.partition)).not.toBe(String(Number(failing.offset) + 1));

    const handledByNext: string[] = [];
    const next = testbed.harness
      .consumer('shutdown-retrying-next', { groupId: first.groupId })
      .on(noteTaken, async (_note, { envelope }) => void handledByNext.push(envelope.id));
    await next.start();
    await waitFor('the next owner to handle the event', async () => (handledByNext.length ? true : undefined));
    expect(handledByNext).toEqual([failing.id]);
  });
});
