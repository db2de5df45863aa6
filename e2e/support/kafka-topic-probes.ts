import type { Kafka } from 'kafkajs';
import { uniqueSuffix } from './environment.js';
import { startGroupAtEnd } from './order-events.js';

export interface RawMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/**
 * Records everything on `topic` from the beginning, in arrival order, values
 * as raw text (dead letters need not be JSON), or as `read` makes them.
 * `from: 'now'`: only what is written from now on, for the shop's shared
 * topics, which hold every event every run on the machine ever sent.
 */
export async function recordRawTopic<Recorded = RawMessage>(
  kafka: Kafka,
  topic: string,
  read: (message: RawMessage) => Recorded = (message) => message as Recorded,
  { from = 'beginning' }: { from?: 'beginning' | 'now' } = {},
) {
  const received: Recorded[] = [];
  const groupId = `it-recorder-${uniqueSuffix()}`;
  if (from === 'now') await startGroupAtEnd(kafka, groupId, [topic]);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      received.push(
        read({
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
          partition,
          offset: message.offset,
        }),
      );
    },
  });
  return { received, stop: () => consumer.disconnect() };
}

/** How many messages `topic` holds, straight from the broker's offsets: no consuming, no waiting. */
export async function messageCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, { high, low }) => sum + Number(high) - Number(low), 0);
  } finally {
    await admin.disconnect();
  }
}

/** The group's committed offset per partition of `topic` (-1: nothing committed). */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(committed!.partitions.map(({ partition, offset }) => [partition, offset]));
  } finally {
    await admin.disconnect();
  }
}

/** Deletes test topics and, with them, the dead-letter topics named after them. */
export async function deleteTopicsStartingWith(kafka: Kafka, prefixes: string[]): Promise<void> {
  if (prefixes.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => prefixes.some((prefix) => topic.startsWith(prefix)));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
