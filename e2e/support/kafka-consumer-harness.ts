import { EventConsumer, type EventConsumerOptions } from '@shop/runtime';
import type { Kafka } from 'kafkajs';
import type { PrismaClient } from '../../apps/order/src/generated/prisma/client.js';
import { uniqueSuffix } from './environment.js';
import { createTestTopic } from './kafka-test-topics.js';
import { NoteProducer } from './kafka-note-events.js';
import { deleteTopicsStartingWith } from './kafka-topic-probes.js';
import { createScratchDatabase, type ScratchDatabase } from './scratch-database.js';

/** The order service's client: any service's would do, every service database has the inbox. */
export type OrderDatabase = PrismaClient;
type OrderTx = Parameters<Parameters<OrderDatabase['$transaction']>[0]>[0];

/**
 * A valid row of the order database's `Order` table, written by the test
 * handlers to show an event was handled; the label goes in `statusReason`.
 */
export function noteRow(id: string, customerId: string, label: string) {
  return { id, customerId, email: 'it@example.com', items: [], shippingAddress: {}, idempotencyKey: id, statusReason: label };
}

/** Small waits, so a spec with retries stays fast. */
export const FAST_RETRY = { attempts: 3, initialDelayMs: 20, maxDelayMs: 100 };

/** A Nest-compatible logger that keeps what it is told, for failure messages. */
export function recordingLogger() {
  const lines: string[] = [];
  const record =
    (level: string) =>
    (message: unknown, ...rest: unknown[]) =>
      void lines.push(`${level} ${JSON.stringify(message)} ${rest.map(String).join(' ')}`);
  return { lines, log: record('log'), error: record('error'), warn: record('warn'), debug: record('debug'), verbose: record('verbose') };
}

/**
 * Creates consumers and topics unique to one run with test-friendly settings,
 * and removes them at the end.
 */
export class ConsumerHarness {
  private readonly consumers: EventConsumer<OrderTx>[] = [];
  private readonly topics: string[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly database: OrderDatabase,
  ) {}

  /** A 3-partition topic for this run. */
  async topic(name: string): Promise<string> {
    const topic = await createTestTopic(this.kafka, `consumer.${name}`, 3);
    this.topics.push(topic);
    return topic;
  }

  consumer(name: string, options: Partial<EventConsumerOptions<OrderTx>> = {}): EventConsumer<OrderTx> {
    const consumer = new EventConsumer({
      kafka: this.kafka,
      groupId: `it-consumer-${name}-${uniqueSuffix()}`,
      database: this.database,
      logger: recordingLogger(),
      retry: FAST_RETRY,
      partitionsConsumedConcurrently: 3,
      maxWaitTimeInMs: 200,
      ...options,
    });
    this.consumers.push(consumer);
    return consumer;
  }

  /** Inbox rows of one consumer group. */
  async inbox(groupId: string): Promise<{ event_id: string; type: string }[]> {
    return this.database.$queryRawUnsafe('SELECT event_id, type FROM inbox WHERE consumer_group = $1 ORDER BY processed_at', groupId);
  }

  async stopConsumers(): Promise<void> {
    await Promise.all(this.consumers.splice(0).map((consumer) => consumer.stop()));
  }

  /** Last, once no producer sends to them: a kafkajs producer refreshes metadata of every topic it ever sent to. */
  async deleteTopics(): Promise<void> {
    await deleteTopicsStartingWith(this.kafka, this.topics.splice(0));
  }
}

/**
 * What every consumer spec file stands on: a fresh migrated order database, a
 * harness on it and a connected note producer; consumers stop after each test,
 * and everything is removed after the file. Call it inside `describe`.
 */
export function useConsumerTestbed(kafka: Kafka) {
  const testbed = {} as { database: ScratchDatabase<OrderDatabase>; harness: ConsumerHarness; producer: NoteProducer };
  beforeAll(async () => {
    testbed.database = await createScratchDatabase<OrderDatabase>('order');
    testbed.harness = new ConsumerHarness(kafka, testbed.database.client);
    testbed.producer = new NoteProducer(kafka);
    await testbed.producer.connect();
  });
  afterEach(() => testbed.harness.stopConsumers());
  afterAll(async () => {
    await testbed.producer.disconnect();
    await testbed.harness.deleteTopics();
    await testbed.database.drop();
  });
  return testbed;
}
