import { Kafka, logLevel } from 'kafkajs';
import { infra, uniqueSuffix } from './environment.js';

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

/** A plain consumer that records everything on a topic, from the beginning, in arrival order. */
export async function recordTopic(kafka: Kafka, topic: string) {
  const received: ReceivedMessage[] = [];
  const consumer = kafka.consumer({ groupId: `it-recorder-${uniqueSuffix()}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message, partition }) => {
      received.push({
        key: message.key!.toString(),
        value: JSON.parse(message.value!.toString()),
        headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
        partition,
        offset: message.offset,
      });
    },
  });
  return { received, stop: () => consumer.disconnect() };
}
