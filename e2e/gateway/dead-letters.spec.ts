import { randomUUID } from 'node:crypto';
import { deadLetterTopic, Events, toKafkaHeaders, Topics } from '@shop/event-contracts';
import { deadLetterHeaders, type Delivery, replayGroupId } from '@shop/runtime';
import { type Kafka, Partitioners } from 'kafkajs';
import { uniqueSuffix } from '../support/environment.js';
import { deleteTopicsStartingWith, recordRawTopic } from '../support/kafka-topic-probes.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { operatorHeaders } from '../support/operator-credentials.js';
import { deleteGroups } from '../support/order-events.js';
import { waitFor } from '../support/wait-for.js';
import { http, startIsolatedGateway } from './isolated-gateway.js';

const kafka = testKafka('e2e-gateway-dead-letters');

/**
 * The operators' dead-letter routes of the built gateway against real Kafka.
 * The gateway runs in a topic namespace of its own (SHOP_TOPIC_NAMESPACE), so
 * the order topic and the dead letters it reads and replays here are this
 * test's alone: a replay publishes nothing the shop's services would see.
 */
describe('dead letters through the gateway: listed a page at a time, replayed once', () => {
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;
  const group = `it-dlq-${uniqueSuffix()}`;
  let source: string;
  let deadLetters: string;

  const route = (path = '') => `${isolated.gateway.url}/operations/dead-letters/${Topics.orderEvents}/${group}${path}`;
  const list = (query = '') => http(route(query), { headers: operatorHeaders() });
  const replay = (body?: unknown) => http(route('/replay'), { method: 'POST', body, headers: operatorHeaders() });

  beforeAll(async () => {
    isolated = await startIsolatedGateway(kafka, 3504);
    source = `${isolated.prefix}${Topics.orderEvents}`;
    deadLetters = deadLetterTopic(source, group);
    await createTopics(kafka, [source, deadLetters]);
  }, 60_000);
  afterAll(async () => {
    // The source is one of the gateway's event topics, which its stop deletes; the dead-letter topics are the test's.
    if (source) await deleteTopicsStartingWith(kafka, [deadLetterTopic(source, '')]);
    await isolated?.stop();
    await deleteGroups(kafka, [replayGroupId(group)]);
  });

  it('lists the group’s dead letters, then replays those of the reasons asked, once', async () => {
    const failing = randomUUID();
    const broken = randomUUID();
    const written = [
      await writeDeadLetter(kafka, { source, group, partition: 0, orderId: failing, reason: 'handler-failed' }),
      await writeDeadLetter(kafka, { source, group, partition: 0, orderId: failing, reason: 'handler-failed' }),
      await writeDeadLetter(kafka, { source, group, partition: 1, orderId: broken, reason: 'invalid-json' }),
    ];

    const first = await list('?limit=2');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      topic: Topics.orderEvents,
      group,
      deadLetterTopic: deadLetters,
      total: 3,
      pending: 3,
      deadLetters: [
        expect.objectContaining({ partition: 0, offset: '0', eventId: written[0], type: Events.orderPlacedV1.type, key: failing, reason: 'handler-failed', attempts: 5, replayed: false }),
        expect.objectContaining({ partition: 0, offset: '1', eventId: written[1], reason: 'handler-failed', error: 'Error: the handler failed', replayed: false }),
      ],
      next: '0:1',
    });
    expect(first.body.deadLetters[0]).toMatchObject({ failedAt: expect.stringMatching(/^\d{4}-/), originalTopic: source, originalPartition: 0 });
    const second = await list(`?limit=2&after=${first.body.next}`);
    expect(second.body).toMatchObject({ deadLetters: [{ partition: 1, offset: '0', eventId: written[2], key: broken, reason: 'invalid-json' }] });
    expect(second.body).not.toHaveProperty('next');

    await expect(replay({ reasons: ['handler-failed'], dryRun: true })).resolves.toMatchObject({ status: 200, body: { dryRun: true, replayed: 2, skipped: 1 } });
    const replayed = await replay({ reasons: ['handler-failed'] });
    expect(replayed).toMatchObject({ status: 200, body: { topic: Topics.orderEvents, group, deadLetterTopic: deadLetters, dryRun: false, replayed: 2, skipped: 1 } });

    // Back on the topic: the two events of the reason asked, with their key and original headers, dlq_* gone.
    const onTopic = await recordRawTopic(kafka, source);
    try {
      const republished = await waitFor('the two replayed events', async () => (onTopic.received.length === 2 ? onTopic.received : undefined));
      expect(republished.map(({ key, headers }) => [key, headers.ce_id])).toEqual([[failing, written[0]], [failing, written[1]]]);
      for (const { headers } of republished) {
        expect(Object.keys(headers).filter((name) => name.startsWith('dlq_'))).toEqual(['dlq_replayed_at']);
      }
    } finally {
      await onTopic.stop();
    }

    // Each read once: the skipped one too. The list says so, and a second replay has nothing to do.
    const after = await list();
    expect(after.body).toMatchObject({ total: 3, pending: 0 });
    expect(after.body.deadLetters.map((letter: { replayed: boolean }) => letter.replayed)).toEqual([true, true, true]);
    await expect(replay()).resolves.toMatchObject({ status: 200, body: { replayed: 0, skipped: 0 } });
  });

  it('answers 404 for a group without dead letters of the topic, 400 for a topic the shop does not have', async () => {
    const nobody = `it-nobody-${uniqueSuffix()}`;
    await expect(http(`${isolated.gateway.url}/operations/dead-letters/${Topics.orderEvents}/${nobody}`, { headers: operatorHeaders() })).resolves.toMatchObject({
      status: 404,
      body: { type: '/problems/not-found' },
    });
    await expect(http(`${isolated.gateway.url}/operations/dead-letters/${Topics.orderEvents}/${nobody}/replay`, { method: 'POST', headers: operatorHeaders() })).resolves.toMatchObject({
      status: 404,
    });
    await expect(http(`${isolated.gateway.url}/operations/dead-letters/shop.order.place/${group}`, { headers: operatorHeaders() })).resolves.toMatchObject({
      status: 400,
      body: { errors: [{ field: 'topic' }] },
    });
  });
});

/** A dead letter as a consumer group writes one: the event's key, value and headers, plus the dlq_* headers. Returns its ce_id. */
async function writeDeadLetter(
  kafka: Kafka,
  { source, group, partition, orderId, reason }: { source: string; group: string; partition: number; orderId: string; reason: 'handler-failed' | 'invalid-json' },
): Promise<string> {
  const id = randomUUID();
  const headers = toKafkaHeaders({
    id,
    type: Events.orderPlacedV1.type,
    source: '/shop/e2e',
    specversion: '1.0',
    time: new Date().toISOString(),
    subject: orderId,
    correlationId: id,
    causationId: id,
  });
  const value = reason === 'invalid-json' ? '{"orderId": ' : JSON.stringify({ orderId });
  const delivery = { topic: source, partition, message: { key: Buffer.from(orderId), value: Buffer.from(value), headers, offset: '7' } } as unknown as Delivery;
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const failure = { reason, error: reason === 'invalid-json' ? 'Unexpected end of JSON input' : 'Error: the handler failed', attempts: reason === 'invalid-json' ? 1 : 5 };
    await producer.send({ topic: deadLetterTopic(source, group), messages: [{ key: orderId, value, partition, headers: deadLetterHeaders(delivery, failure, group) }] });
  } finally {
    await producer.disconnect();
  }
  return id;
}

async function createTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}
