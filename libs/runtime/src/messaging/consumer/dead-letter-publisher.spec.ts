import type { LoggerService } from '@nestjs/common';
import type { Kafka, ProducerConfig, ProducerRecord } from 'kafkajs';
import type { DeadLetterFailure } from './dead-letter-headers.js';
import { DeadLetterPublisher } from './dead-letter-publisher.js';
import type { Delivery } from './delivery.js';

const quiet: LoggerService = { log: () => undefined, error: () => undefined, warn: () => undefined };

/** A kafkajs client in memory: source topics with their partitions' replicas, and what was created and sent. */
function fakeKafka(sources: Record<string, number[][]>, { failSends = 0, failConnects = 0 } = {}) {
  const created: { topic: string; numPartitions: number; replicationFactor: number; configEntries: { name: string; value: string }[] }[] = [];
  const producers: ProducerConfig[] = [];
  const sent: ProducerRecord[] = [];
  let failures = failSends;
  let connectFailures = failConnects;
  let connects = 0;
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    fetchTopicMetadata: async ({ topics }: { topics: string[] }) => ({
      topics: topics.map((name) => ({ name, partitions: sources[name]!.map((replicas, partitionId) => ({ partitionId, replicas, isr: replicas, leader: replicas[0] })) })),
    }),
    describeCluster: async () => ({ brokers: [{ nodeId: 1 }] }),
    listTopics: async () => Object.keys(sources),
    createTopics: async ({ topics }: { topics: typeof created }) => (created.push(...topics), true),
    describeConfigs: async () => ({ resources: [] }),
    alterConfigs: async () => true,
  };
  const kafka = {
    admin: () => admin,
    producer: (config: ProducerConfig) => {
      producers.push(config);
      return {
        connect: async () => {
          connects++;
          if (connectFailures-- > 0) throw new Error('KafkaJSConnectionError: Connection refused');
        },
        disconnect: async () => undefined,
        send: async (record: ProducerRecord) => {
          if (failures-- > 0) throw new Error('NOT_ENOUGH_REPLICAS');
          sent.push(record);
          return [];
        },
      };
    },
  } as unknown as Kafka;
  return { kafka, created, producers, sent, connects: () => connects };
}

const delivery = (topic: string) =>
  ({ topic, partition: 0, message: { key: Buffer.from('order-1'), value: Buffer.from('{}'), headers: {}, offset: '7' } }) as unknown as Delivery;
const failure: DeadLetterFailure = { reason: 'handler-failed', error: 'boom', attempts: 3 };

describe('DeadLetterPublisher', () => {
  it("creates each dead-letter topic with its source topic's partitions and replication (3 replicas: min.insync.replicas 2)", async () => {
    const { kafka, created } = fakeKafka({ 'shop.order.events': [[1, 2, 3], [2, 3, 1], [3, 1, 2]], 'shop.test.single': [[1]] });
    await new DeadLetterPublisher(kafka, 'history', quiet).start(['shop.order.events', 'shop.test.single']);
    expect(created).toEqual([
      expect.objectContaining({
        topic: 'shop.order.events.dlq.history',
        numPartitions: 3,
        replicationFactor: 3,
        configEntries: expect.arrayContaining([{ name: 'min.insync.replicas', value: '2' }]),
      }),
      expect.objectContaining({ topic: 'shop.test.single.dlq.history', numPartitions: 1, replicationFactor: 1 }),
    ]);
    expect(created[1]!.configEntries.map((entry) => entry.name)).not.toContain('min.insync.replicas');
  });

  it('sends with acks=all from an idempotent producer with one request in flight, and a fresh producer after a failed send', async () => {
    const { kafka, producers, sent } = fakeKafka({ 'shop.order.events': [[1, 2, 3]] }, { failSends: 1 });
    const publisher = new DeadLetterPublisher(kafka, 'history', quiet);
    await publisher.start(['shop.order.events']);
    expect(producers[0]).toMatchObject({ idempotent: true, maxInFlightRequests: 1 });

    expect(await publisher.publish(delivery('shop.order.events'), failure)).toBe(false);
    expect(producers).toHaveLength(2);
    expect(await publisher.publish(delivery('shop.order.events'), failure)).toBe(true);
    expect(sent[0]).toMatchObject({ topic: 'shop.order.events.dlq.history', acks: -1 });
  });

  it('connects again on the next start() when the first connect failed (a broker down while the app started)', async () => {
    const { kafka, producers } = fakeKafka({ 'shop.order.events': [[1, 2, 3]] }, { failConnects: 1 });
    const publisher = new DeadLetterPublisher(kafka, 'history', quiet);
    await expect(publisher.start(['shop.order.events'])).rejects.toThrow('Connection refused');
    await publisher.start(['shop.order.events']);
    expect(producers).toHaveLength(2);
    expect(await publisher.publish(delivery('shop.order.events'), failure)).toBe(true);
  });

  it('connects again on a start() after stop()', async () => {
    const { kafka, connects } = fakeKafka({ 'shop.order.events': [[1, 2, 3]] });
    const publisher = new DeadLetterPublisher(kafka, 'history', quiet);
    await publisher.start(['shop.order.events']);
    await publisher.stop();
    await publisher.start(['shop.order.events']);
    expect(connects()).toBe(2);
  });
});
