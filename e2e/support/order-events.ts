import { randomUUID } from 'node:crypto';
import { type EventContract, fromKafkaHeaders, toKafkaHeaders } from '@shop/event-contracts';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import { uniqueSuffix } from './environment.js';
import type { RawMessage } from './kafka-topic-probes.js';
import { waitFor } from './wait-for.js';

/**
 * Commits the current end of each topic as `groupId`'s position, so a group
 * that has never run starts with what is produced from now on, not with the
 * history of shared topics (nor a moment after its first fetch, as "latest" would).
 */
export async function startGroupAtEnd(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of topics) {
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId, topic, partitions: ends.map(({ partition, high }) => ({ partition, offset: high })) });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Deletes consumer groups of a test run; a group still emptying after its consumer left is retried briefly. */
export async function deleteGroups(kafka: Kafka, groupIds: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await waitFor(`consumer groups ${groupIds.join(', ')} deleted`, async () => {
      const existing = new Set((await admin.listGroups()).groups.map((group) => group.groupId));
      const remaining = groupIds.filter((groupId) => existing.has(groupId));
      if (remaining.length > 0) await admin.deleteGroups(remaining);
      return true;
    }, { timeoutMs: 5_000, intervalMs: 200 });
  } finally {
    await admin.disconnect();
  }
}

export interface SentEvent {
  id: string;
  partition: number;
  offset: string;
}

/** Produces events the way a service's outbox relay does: key, CloudEvents headers, JSON data. */
export class EventProducer {
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  }

  connect() {
    return this.producer.connect();
  }

  disconnect() {
    return this.producer.disconnect();
  }

  /** One event; `id` repeats an earlier one (a redelivery). */
  async send<Data>(contract: EventContract<Data>, data: Data, { id = randomUUID() }: { id?: string } = {}): Promise<SentEvent> {
    const [sent] = await this.producer.send({ topic: contract.topic, messages: [this.message(contract, data, id)] });
    return { id, partition: sent!.partition, offset: sent!.baseOffset! };
  }

  /** Many events in one request, e.g. a rush of orders. */
  async sendAll<Data>(contract: EventContract<Data>, items: Data[]): Promise<string[]> {
    const messages = items.map((data) => this.message(contract, data, randomUUID()));
    await this.producer.send({ topic: contract.topic, messages });
    return messages.map((message) => message.headers.ce_id as string);
  }

  /** Messages again exactly as recorded (key, value, headers): a redelivery. One at a time, in order. */
  async sendRaw(topic: string, messages: readonly RawMessage[]): Promise<SentEvent[]> {
    const sent: SentEvent[] = [];
    for (const { key, value, headers } of messages) {
      const [metadata] = await this.producer.send({ topic, messages: [{ key, value, headers }] });
      sent.push({ id: headers.ce_id ?? '', partition: metadata!.partition, offset: metadata!.baseOffset! });
    }
    return sent;
  }

  private message<Data>(contract: EventContract<Data>, data: Data, id: string) {
    const parsed = contract.parse(data);
    if (!parsed.success) throw new Error(`test event refused by ${contract.type}: ${parsed.error}`);
    const key = contract.key(parsed.data);
    const headers = toKafkaHeaders({
      id,
      type: contract.type,
      source: '/shop/e2e',
      specversion: '1.0',
      time: new Date().toISOString(),
      subject: key,
      correlationId: id,
      causationId: id,
    });
    return { key, value: JSON.stringify(parsed.data), headers };
  }
}

export interface RecordedEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  correlationId: string;
  causationId: string;
  traceparent?: string;
  data: any;
}

/**
 * Records the events one producer (`source`, e.g. `/shop/inventory-it-…`)
 * publishes on a shared topic from now on; other producers' events are ignored.
 */
export async function recordEventsFrom(kafka: Kafka, topic: string, source: string) {
  const events: RecordedEvent[] = [];
  const groupId = `it-recorder-of-${source.replace(/^\/shop\//, '')}-${uniqueSuffix()}`;
  await startGroupAtEnd(kafka, groupId, [topic]);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const envelope = fromKafkaHeaders(message.headers ?? {});
      if (envelope.source !== source) return;
      const { id, type, subject, correlationId, causationId, traceparent } = envelope;
      events.push({ id, type, source, subject, correlationId, causationId, traceparent, data: JSON.parse(message.value!.toString()) });
    },
  });
  return {
    events,
    /** The recorded events of one order (its key), in order. */
    of: (orderId: string) => events.filter((event) => event.subject === orderId),
    async stop() {
      await consumer.disconnect();
      await deleteGroups(kafka, [groupId]);
    },
  };
}
