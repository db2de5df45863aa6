import { Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { deadLetterTopic, EVENT_TOPICS, type EventEnvelope, eventContractByType, Requests, toKafkaHeaders } from '@shop/event-contracts';
import { RequestClient, RequestClientModule, RuntimeModule } from '@shop/runtime';
import { type Kafka, Partitioners, type Producer } from 'kafkajs';
import type { PrismaClient } from '../../apps/history/src/generated/prisma/client.js';
import { infra, uniqueSuffix } from '../support/environment.js';
import { startGroupAtEnd } from '../support/order-events.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { ServiceProcess } from '../support/service-process.js';

export type HistoryDatabase = ScratchDatabase<PrismaClient>;

/**
 * The built history app as a real process on a scratch database. Its
 * SERVICE_NAME, hence its consumer group, is new, and starts at the current end
 * of the shared topics: what earlier tests and runs left there is not replayed
 * (on a long-lived machine that is tens of thousands of events). `env` adds to
 * the app's environment (another Kafka's KAFKA_BROKERS and login).
 */
export async function startHistory(kafka: Kafka, port: number, env: Record<string, string | undefined> = {}) {
  const database = await createScratchDatabase<PrismaClient>('history');
  const serviceName = `it-history-${uniqueSuffix()}`;
  await startGroupAtEnd(kafka, serviceName, EVENT_TOPICS);
  const app = new ServiceProcess('history', port, { SERVICE_NAME: serviceName, DATABASE_URL: database.url, ...env });
  try {
    await app.start();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return { app, database, serviceName };
}

/** Deletes the dead-letter topics the runtime created for a consumer group of a test, so runs do not pile them up. */
export async function deleteDeadLetterTopics(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ours = new Set(EVENT_TOPICS.map((topic) => deadLetterTopic(topic, groupId)));
    const existing = (await admin.listTopics()).filter((topic) => ours.has(topic));
    if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  } finally {
    await admin.disconnect();
  }
}

/** Produces events one at a time, in the given order, each on its contract's topic keyed by its subject (order id, or sku). */
export class EventPublisher {
  private readonly producer: Producer;

  constructor(kafka: Kafka) {
    this.producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  }

  connect() {
    return this.producer.connect();
  }

  disconnect() {
    return this.producer.disconnect();
  }

  /** Returns the partition each event landed in, by topic. */
  async publish(events: readonly EventEnvelope<unknown>[], partitions: Record<string, number> = {}): Promise<Record<string, number>> {
    const landed: Record<string, number> = {};
    for (const { data, ...attributes } of events) {
      const { topic } = eventContractByType(attributes.type)!;
      const [metadata] = await this.producer.send({
        topic,
        messages: [{ key: attributes.subject, value: JSON.stringify(data), headers: toKafkaHeaders(attributes), partition: partitions[topic] }],
      });
      landed[topic] = metadata!.partition;
    }
    return landed;
  }
}

/** Asks history over real Kafka request-reply, as the gateway does. */
export async function startHistoryClient(databaseUrl: string): Promise<{ client: RequestClient; close(): Promise<void> }> {
  @Module({
    imports: [RuntimeModule, RequestClientModule.forRoot({ requests: [Requests.getOrderTimeline, Requests.getCustomerOrders, Requests.getProductTimeline] })],
  })
  class HistoryClientModule {}

  Object.assign(process.env, {
    SERVICE_NAME: `it-history-client-${uniqueSuffix()}`,
    PORT: '3179',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
  });
  const context: INestApplicationContext = await NestFactory.createApplicationContext(HistoryClientModule, {
    logger: ['warn', 'error'],
  });
  return { client: context.get(RequestClient), close: () => context.close() };
}

/** A deterministic shuffle (seeded), so a failing arrival order can be replayed. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const result = [...items];
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}
