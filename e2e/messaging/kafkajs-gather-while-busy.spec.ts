import { createTestTopic, testKafka } from '../support/kafka-test-topics.js';
import { uniqueSuffix } from '../support/environment.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-gather-while-busy');

// Each record is a record batch of its own on the log, ~370 bytes with this value: a fetch that
// waits for BUSY_MIN_BYTES is answered by three of them, not by two.
const value = (letter: string) => letter + '.'.repeat(300);
const BUSY_MIN_BYTES = 900;
// Longer than any wait below: a fetch that gathered when it should not have would miss them.
const WINDOW_MS = 60_000;

/** The consumer option the kafkajs patch adds (patches/kafkajs@2.2.4.patch, ConsumerGroup.fetch). */
describe('kafkajs, patched: gatherWhileBusy', () => {
  it('answers the first record after a quiet spell at once, then gathers the records that follow it', async () => {
    const topic = await createTestTopic(kafka, 'gather-while-busy', 1);
    const producer = kafka.producer();
    const consumer = kafka.consumer({
      groupId: `it-gather-while-busy-${uniqueSuffix()}`,
      maxWaitTimeInMs: WINDOW_MS,
      gatherWhileBusy: { minBytes: BUSY_MIN_BYTES, maxWaitTimeInMs: WINDOW_MS },
    });
    const batches: string[][] = [];
    const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
    try {
      await producer.connect();
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachBatch: async ({ batch }) => {
          const letters = batch.messages.map((message) => message.value!.toString()[0]!);
          batches.push(letters);
          // The fetch after this one would gather for the whole window: none is made.
          if (letters.includes('d')) void consumer.stop();
        },
      });
      await joined;

      await producer.send({ topic, messages: [{ value: value('a') }] });
      await waitFor('a, alone', async () => (batches.length > 0 ? true : undefined), { timeoutMs: WINDOW_MS / 2 });
      // Written one by one, each acknowledged before the next: a fetch that did not gather would bring b alone.
      for (const letter of ['b', 'c', 'd']) await producer.send({ topic, messages: [{ value: value(letter) }] });
      await waitFor('b, c and d', async () => (batches.flat().includes('d') ? true : undefined), { timeoutMs: WINDOW_MS / 2 });

      expect(batches).toEqual([['a'], ['b', 'c', 'd']]);
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
    }
  }, 2 * WINDOW_MS);
});
