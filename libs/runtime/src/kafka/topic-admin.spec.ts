import type { Kafka } from 'kafkajs';
import { clusterReplication, ensureTopics, replicatedTopicConfig, TOPIC_RETENTION, topicReplication } from './topic-admin.js';

describe('topicReplication', () => {
  it.each([
    [1, { replicationFactor: 1, minInsyncReplicas: 1 }],
    [2, { replicationFactor: 2, minInsyncReplicas: 1 }],
    [3, { replicationFactor: 3, minInsyncReplicas: 2 }],
    [5, { replicationFactor: 3, minInsyncReplicas: 2 }],
    [0, { replicationFactor: 1, minInsyncReplicas: 1 }],
  ])('%i broker(s): %o', (brokers, expected) => {
    expect(topicReplication(brokers)).toEqual(expected);
  });

  it('adds min.insync.replicas to a topic config only above the default of 1', () => {
    expect(replicatedTopicConfig(TOPIC_RETENTION.forever, topicReplication(1))).toEqual(TOPIC_RETENTION.forever);
    expect(replicatedTopicConfig(TOPIC_RETENTION.oneHour, topicReplication(3))).toEqual({ ...TOPIC_RETENTION.oneHour, 'min.insync.replicas': '2' });
  });
});

/** A kafkajs client whose admin answers from memory and records what it was asked. */
function fakeKafka({ brokers, topics = {} }: { brokers: number; topics?: Record<string, Record<string, string>> }) {
  const created: { topic: string; numPartitions: number; replicationFactor: number; configEntries: { name: string; value: string }[] }[] = [];
  const altered: { name: string; configEntries: { name: string; value: string }[] }[] = [];
  const admin = {
    connect: async () => undefined,
    disconnect: async () => undefined,
    describeCluster: async () => ({ brokers: Array.from({ length: brokers }, (_, i) => ({ nodeId: i + 1, host: '127.0.0.1', port: 9092 + 2 * i })) }),
    listTopics: async () => Object.keys(topics),
    createTopics: async ({ topics: asked }: { topics: typeof created }) => (created.push(...asked), true),
    describeConfigs: async ({ resources }: { resources: { name: string; configNames: string[] }[] }) => ({
      resources: resources.map(({ name, configNames }) => ({
        resourceName: name,
        configEntries: configNames.flatMap((configName) =>
          topics[name]![configName] === undefined ? [] : [{ configName, configValue: topics[name]![configName] }],
        ),
      })),
    }),
    alterConfigs: async ({ resources }: { resources: typeof altered }) => (altered.push(...resources), true),
  };
  return { kafka: { admin: () => admin } as unknown as Kafka, created, altered };
}

describe('ensureTopics', () => {
  it('creates topics on a cluster of 3 with 3 replicas and min.insync.replicas 2', async () => {
    const { kafka, created } = fakeKafka({ brokers: 3 });
    const result = await ensureTopics(kafka, ['shop.order.events'], 3);
    expect(result.replication).toEqual({ replicationFactor: 3, minInsyncReplicas: 2 });
    expect(created).toEqual([
      {
        topic: 'shop.order.events',
        numPartitions: 3,
        replicationFactor: 3,
        configEntries: [
          { name: 'retention.ms', value: '-1' },
          { name: 'retention.bytes', value: '-1' },
          { name: 'min.insync.replicas', value: '2' },
        ],
      },
    ]);
  });

  it('creates topics on one broker with 1 replica and no min.insync.replicas of their own, as before', async () => {
    const { kafka, created } = fakeKafka({ brokers: 1 });
    await ensureTopics(kafka, ['shop.order.events'], 3);
    expect(created[0]).toMatchObject({ replicationFactor: 1, configEntries: [{ name: 'retention.ms' }, { name: 'retention.bytes' }] });
  });

  it('takes the replication it is given (a dead-letter topic: its source topic’s)', async () => {
    const { kafka, created } = fakeKafka({ brokers: 2 });
    await ensureTopics(kafka, ['shop.order.events.dlq.history'], 3, TOPIC_RETENTION.forever, topicReplication(3));
    expect(created[0]).toMatchObject({ replicationFactor: 3 });
  });

  it('gives an existing topic on a cluster its min.insync.replicas', async () => {
    const { kafka, created, altered } = fakeKafka({
      brokers: 3,
      topics: { 'shop.order.events': { 'retention.ms': '-1', 'retention.bytes': '-1', 'min.insync.replicas': '1' } },
    });
    const result = await ensureTopics(kafka, ['shop.order.events'], 3);
    expect(created).toEqual([]);
    expect(result.reconfigured).toEqual(['shop.order.events']);
    expect(altered[0]!.configEntries).toContainEqual({ name: 'min.insync.replicas', value: '2' });
  });
});

describe('clusterReplication', () => {
  it('counts the brokers the cluster lists, or the addresses given if more (one may be down)', async () => {
    expect(await clusterReplication(fakeKafka({ brokers: 3 }).kafka)).toEqual(topicReplication(3));
    expect(await clusterReplication(fakeKafka({ brokers: 2 }).kafka, 3)).toEqual(topicReplication(3));
    expect(await clusterReplication(fakeKafka({ brokers: 1 }).kafka, 1)).toEqual(topicReplication(1));
  });
});
