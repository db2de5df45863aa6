// What the broker itself manages, measured with Kafka's own tools
// (infra/kafka/kafka-tools.sh) on a topic of the run's own: as many partitions
// as the shop's topics, records the size of the shop's events, written as the
// outbox relay writes (acks=all, idempotent producer), then read back.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { Topics } from '@shop/event-contracts';
import type { Admin } from 'kafkajs';
import { repoRoot } from '../native-shop.ts';
import { type ConsumerFigures, parseConsumerPerformance, parseProducerPerformance, type ProducerFigures } from './kafka-perf-output.ts';
import { BENCH_TOPIC_PREFIX } from './shop-counters.ts';

export interface KafkaLimit {
  topic: string;
  partitions: number;
  recordBytes: number;
  producer: ProducerFigures;
  consumer: ConsumerFigures;
}

const tool = async (name: string, args: string[]): Promise<string> => {
  const { stdout, stderr } = await promisify(execFile)('bash', ['infra/kafka/kafka-tools.sh', 'run', name, ...args], {
    cwd: repoRoot,
    maxBuffer: 16 * 2 ** 20,
    timeout: 300_000,
  });
  return `${stdout}\n${stderr}`;
};

export async function measureKafka(admin: Admin, brokers: string, { recordBytes, records }: { recordBytes: number; records: number }): Promise<KafkaLimit> {
  const [shopTopic] = (await admin.fetchTopicMetadata({ topics: [Topics.orderEvents] })).topics;
  const partitions = shopTopic!.partitions.length;
  const topic = `${BENCH_TOPIC_PREFIX}${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 6)}`;
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
  try {
    const producer = parseProducerPerformance(
      await tool('ProducerPerformance', [
        '--bootstrap-server', brokers,
        '--topic', topic,
        '--num-records', String(records),
        '--record-size', String(recordBytes),
        '--throughput', '-1',
        // The relay's producer: idempotent, acks=all (kafkajs acks -1).
        '--command-property', 'acks=all', 'enable.idempotence=true',
      ]),
    );
    const consumer = parseConsumerPerformance(
      await tool('ConsumerPerformance', [
        '--bootstrap-server', brokers,
        '--topic', topic,
        '--num-records', String(records),
        '--group', `${topic}-reader`,
        '--timeout', '30000',
      ]),
    );
    await admin.deleteGroups([`${topic}-reader`]).catch(() => undefined);
    return { topic, partitions, recordBytes, producer, consumer };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch((error: unknown) => console.error(`could not delete ${topic}: ${String(error)}`));
  }
}
