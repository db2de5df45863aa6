import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '@shop/runtime';
import { infra, uniqueSuffix } from './environment.js';
import { recordRawTopic } from './kafka-topic-probes.js';
import { waitFor } from './wait-for.js';

export const testKafka = (clientId = 'e2e') =>
  new Kafka({ ...kafkaCredentials(), clientId, brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });

/** Creates a topic unique to this run (auto-creation is off) and returns its name. */
export async function createTestTopic(kafka: Kafka, prefix: string, numPartitions = 3): Promise<string> {
  const topic = `it.${prefix}.${uniqueSuffix()}`;
  await createTopicsWithLeaders(kafka, [topic], numPartitions);
  return topic;
}

/**
 * Creates topics and waits until each partition of each has a leader. Not
 * kafkajs's `waitForLeaders` (its default): its metadata request right after
 * the creation can meet a broker that does not know the topics yet (KRaft
 * propagates them a moment later, longer while other topics are being
 * deleted), an UNKNOWN_TOPIC_OR_PARTITION it does not retry; here that is a
 * condition waited on.
 */
export async function createTopicsWithLeaders(kafka: Kafka, topics: readonly string[], numPartitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions })), waitForLeaders: false });
    await waitFor(`topics ${topics.join(', ')} to have a leader for each partition`, async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [...topics] });
      const ready = metadata.topics.every(({ partitions }) => partitions.length === numPartitions && partitions.every((partition) => partition.leader >= 0));
      return metadata.topics.length === topics.length && ready ? true : undefined;
    });
  } finally {
    await admin.disconnect();
  }
}

export interface ReceivedMessage {
  key: string;
  value: unknown;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** Records everything on a topic, from the beginning, in arrival order, values parsed as JSON. */
export function recordTopic(kafka: Kafka, topic: string) {
  return recordRawTopic<ReceivedMessage>(kafka, topic, ({ key, value, headers, partition, offset }) => ({
    key: key!,
    value: JSON.parse(value!),
    headers,
    partition,
    offset,
  }));
}
