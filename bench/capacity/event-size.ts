// The size of the shop's events as Kafka carries them: the latest messages of
// each event topic read back with a consumer of its own, their value, key and
// header bytes measured. Their mean is the record size Kafka's producer
// benchmark and pgbench's outbox payload are given.
import { randomUUID } from 'node:crypto';
import { EVENT_TOPICS } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';

export interface EventSizes {
  messages: number;
  meanValueBytes: number;
  meanHeaderBytes: number;
  meanKeyBytes: number;
  /** Value + key + headers: what a record of the shop carries. */
  meanRecordBytes: number;
}

/** Reads up to `perPartition` of the last messages of every partition of the shop's event topics, for at most `timeoutMs`. */
export async function sampleEventSizes(kafka: Kafka, { perPartition = 50, timeoutMs = 15_000 } = {}): Promise<EventSizes> {
  const admin = kafka.admin();
  await admin.connect();
  const wanted = new Map<string, { from: number; to: number }>();
  try {
    for (const topic of EVENT_TOPICS) {
      for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
        const to = Number(high);
        const from = Math.max(Number(low), to - perPartition);
        if (to > from) wanted.set(`${topic}/${partition}`, { from, to });
      }
    }
  } finally {
    await admin.disconnect();
  }
  const sizes = { messages: 0, value: 0, headers: 0, key: 0 };
  const groupId = `bench-capacity-sizes-${randomUUID().slice(0, 8)}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  await consumer.connect();
  try {
    const left = new Map([...wanted].map(([partition, range]) => [partition, range.to - range.from]));
    const done = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      if (left.size === 0) resolve();
      void consumer.subscribe({ topics: [...EVENT_TOPICS], fromBeginning: true }).then(() =>
        consumer.run({
          eachMessage: async ({ topic, partition, message }) => {
            const key = `${topic}/${partition}`;
            const range = wanted.get(key);
            if (!range || Number(message.offset) < range.from || (left.get(key) ?? 0) <= 0) return;
            sizes.messages++;
            sizes.value += message.value?.length ?? 0;
            sizes.key += message.key?.length ?? 0;
            for (const [name, value] of Object.entries(message.headers ?? {})) sizes.headers += Buffer.byteLength(name) + (value === undefined ? 0 : Buffer.byteLength(value as Buffer | string));
            left.set(key, left.get(key)! - 1);
            if ([...left.values()].every((n) => n <= 0)) {
              clearTimeout(timer);
              resolve();
            }
          },
        }),
      );
      // Straight to the messages wanted, rather than through the whole history.
      consumer.on(consumer.events.GROUP_JOIN, () => {
        for (const [key, range] of wanted) {
          const [topic, partition] = [key.slice(0, key.lastIndexOf('/')), Number(key.slice(key.lastIndexOf('/') + 1))];
          consumer.seek({ topic, partition, offset: String(range.from) });
        }
      });
    });
    await done;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
  if (sizes.messages === 0) throw new Error('no event of the shop could be read back to measure its size');
  const mean = (bytes: number) => bytes / sizes.messages;
  return {
    messages: sizes.messages,
    meanValueBytes: mean(sizes.value),
    meanHeaderBytes: mean(sizes.headers),
    meanKeyBytes: mean(sizes.key),
    meanRecordBytes: mean(sizes.value + sizes.headers + sizes.key),
  };
}
