import { randomUUID } from 'node:crypto';
import { replayDeadLetters, type ReplayDeadLettersOptions } from '@shop/runtime';
import { noteRow, recordingLogger, useConsumerTestbed } from '../support/kafka-consumer-harness.js';
import { noteTakenOn } from '../support/kafka-note-events.js';
import { messageCount, recordRawTopic } from '../support/kafka-topic-probes.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-dead-letter-replay');

describe('replayDeadLetters (real Kafka and PostgreSQL)', () => {
  const testbed = useConsumerTestbed(kafka);

  it('republishes a fixed failure once, with its original key, value and headers; a dry run and a second replay publish nothing', async () => {
    const topic = await testbed.harness.topic('replay');
    const noteTaken = noteTakenOn(topic);
    let fixed = false;
    const handled: string[] = [];
    const consumer = testbed.harness.consumer('replay').on(noteTaken, async (note, { envelope, tx }) => {
      if (note.seq === 0 && !fixed) throw new Error('bug in the handler');
      handled.push(envelope.id);
      await tx.order.create({ data: noteRow(envelope.id, note.orderId, `noted-${note.seq}`) });
    });
    await consumer.start();
    const deadLetters = `${topic}.dlq.${consumer.groupId}`;

    const orderId = randomUUID();
    const failing = await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { headers: { 'x-tenant': 'acme' } });
    await testbed.producer.send(noteTaken, { orderId, seq: 0 }, { rawValue: 'not json' }); // dead-lettered as invalid-json
    const next = await testbed.producer.send(noteTaken, { orderId, seq: 1 });
    await waitFor('the event after the failures', async () => (handled.includes(next.id) ? true : undefined));
    await waitFor('two dead letters', async () => ((await messageCount(kafka, deadLetters)) === 2 ? true : undefined));

    fixed = true;
    const replay = (more: Partial<ReplayDeadLettersOptions> = {}) =>
      replayDeadLetters({
        kafka,
        topic,
        groupId: consumer.groupId,
        logger: recordingLogger(),
        filter: (headers) => headers.dlq_reason === 'handler-failed', // the JSON is still broken: leave it
        ...more,
      });

    expect(await replay({ dryRun: true })).toEqual({ replayed: 1, skipped: 1 });
    expect(await messageCount(kafka, topic)).toBe(3);

    expect(await replay()).toEqual({ replayed: 1, skipped: 1 });
    await waitFor('the replayed event to be handled', async () => (handled.includes(failing.id) ? true : undefined));
    expect(await messageCount(kafka, topic)).toBe(4);

    const onTopic = await recordRawTopic(kafka, topic);
    try {
      const [replayed] = await waitFor('the replayed message', async () => {
        const found = onTopic.received.filter(({ headers }) => 'dlq_replayed_at' in headers);
        return found.length ? found : undefined;
      });
      const original = onTopic.received.find(({ offset, partition }) => partition === failing.partition && offset === failing.offset)!;
      expect(replayed).toMatchObject({ key: orderId, value: failing.value, partition: failing.partition });
      expect(replayed!.headers).toEqual({ ...original.headers, dlq_replayed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    } finally {
      await onTopic.stop();
    }

    expect(await replay()).toEqual({ replayed: 0, skipped: 0 });
    expect(await replay({ dryRun: true })).toEqual({ replayed: 0, skipped: 0 });
    expect(await messageCount(kafka, topic)).toBe(4);
    // Handled once: the handler ran once for it, and one inbox row and one order row exist.
    expect(handled.filter((id) => id === failing.id)).toHaveLength(1);
    expect((await testbed.harness.inbox(consumer.groupId)).map(({ event_id }) => event_id)).toEqual([next.id, failing.id]);
    expect(await testbed.database.client.order.count({ where: { id: failing.id } })).toBe(1);
  });

  it('says so when the group has no dead-letter topic', async () => {
    const topic = await testbed.harness.topic('no-dlq');
    await expect(replayDeadLetters({ kafka, topic, groupId: 'nobody', logger: recordingLogger() })).rejects.toThrow(/no dead-letter topic/);
  });
});
