import { Kafka, logLevel } from 'kafkajs';
import { infra, uniqueSuffix } from './environment.js';
import { recordRawTopic } from './kafka-topic-probes.js';

export const testKafka = (clientId = 'e2e') =>
  new Kafka({ clientId, brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });

/** Creates a topic unique to this run (auto-creation is off) and returns its name. */
export async function createTestTopic(kafka: Kafka, prefix: string, numPartitions = 3): Promise<string> {
  const topic = `it.${prefix}.${uniqueSuffix()}`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
  return topic;
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
