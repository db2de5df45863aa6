import { Kafka, logLevel, ConfigResourceTypes } from 'kafkajs';
import { kafkaCredentials } from '@shop/runtime';
import { ALL_TOPICS } from '@shop/event-contracts';
import { infra, uniqueSuffix } from '../support/environment.js';
import { waitFor } from '../support/wait-for.js';

describe('Kafka broker (real, KRaft, from Maven Central jars)', () => {
  const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'e2e-infra', brokers: infra.kafkaBrokers, logLevel: logLevel.NOTHING });
  const admin = kafka.admin();

  beforeAll(() => admin.connect());
  afterAll(() => admin.disconnect());

  it('round-trips a keyed message with headers through a topic created for this run', async () => {
    const topic = `it.roundtrip.${uniqueSuffix()}`;
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    const producer = kafka.producer();
    const consumer = kafka.consumer({ groupId: `it-roundtrip-${uniqueSuffix()}` });
    const received: { key: string; value: string; header: string; partition: number }[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({
            key: message.key!.toString(),
            value: message.value!.toString(),
            header: message.headers!['ce_type']!.toString(),
            partition,
          });
        },
      });
      await producer.connect();
      await producer.send({
        topic,
        messages: [{ key: 'order-42', value: '{"hello":"kafka"}', headers: { ce_type: 'shop.test.v1' } }],
      });
      const [message] = await waitFor('the message to come back', async () => (received.length ? received : undefined));
      expect(message).toMatchObject({ key: 'order-42', value: '{"hello":"kafka"}', header: 'shop.test.v1' });
    } finally {
      await Promise.all([producer.disconnect(), consumer.disconnect()]);
      await admin.deleteTopics({ topics: [topic] });
    }
  });

  it('does not create topics on demand: the project creates them', async () => {
    const { resources } = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['auto.create.topics.enable'] }],
    });
    expect(resources[0]!.configEntries[0]).toMatchObject({ configName: 'auto.create.topics.enable', configValue: 'false' });
  });

  it('has every topic of the contracts library with at least 3 partitions', async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [...ALL_TOPICS] });
    expect(topics.map((topic) => topic.name).sort()).toEqual([...ALL_TOPICS].sort());
    for (const topic of topics) expect(topic.partitions.length).toBeGreaterThanOrEqual(3);
  });
});
