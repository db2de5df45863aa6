import { setTimeout as delay } from 'node:timers/promises';
import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createKafka, type DatabaseConfig, prismaClientOptions, type ServiceConfig } from '@shop/runtime';
import type { Admin } from 'kafkajs';
import { PrismaClient } from '../generated/prisma/client.js';
import { HistoryModule } from '../history.module.js';
import { messagesPerTopic, type PartitionRange, remainingMessages } from './consumption-progress.js';
import { HISTORY_TOPICS } from './history-topics.js';
import { migrateDatabase } from './migrate-database.js';

export interface RebuildOptions {
  /** The service config of the rebuild: SERVICE_NAME is its fresh consumer group, DATABASE_URL the target. */
  config: ServiceConfig & DatabaseConfig;
  /** Apply the migrations first (they are idempotent); false when the target is migrated already. */
  migrate: boolean;
  /** Give up when no message was committed for this long. */
  stallTimeoutMs: number;
  logger: LoggerService;
}

export interface RebuildResult {
  consumerGroup: string;
  database: string;
  /** Messages per topic up to the end offsets taken at the start. */
  messages: Record<string, number>;
  timelineEntries: number;
  orders: number;
  customers: number;
}

const POLL_INTERVAL_MS = 500;

/**
 * Rebuilds the read model into an empty database: runs the history module
 * itself (the same handlers as the live service) as a new consumer group,
 * which starts from the beginning of every topic, until the group has
 * committed up to the end offsets the topics had when the rebuild started.
 */
export async function rebuildReadModel({ config, migrate, stallTimeoutMs, logger }: RebuildOptions): Promise<RebuildResult> {
  if (migrate) await migrateDatabase(config.DATABASE_URL);
  await assertEmpty(config.DATABASE_URL);

  const admin = createKafka(config.SERVICE_NAME, config.KAFKA_BROKERS, logger).admin();
  await admin.connect();
  try {
    const ranges = await partitionRanges(admin, HISTORY_TOPICS);
    logger.log({ msg: 'rebuilding', consumerGroup: config.SERVICE_NAME, messages: messagesPerTopic(ranges) }, 'Rebuild');

    // The runtime's modules read their config from the environment.
    Object.assign(process.env, { ...config, PORT: String(config.PORT), KAFKA_BROKERS: config.KAFKA_BROKERS.join(',') });
    const app = await NestFactory.createApplicationContext(HistoryModule, { logger });
    try {
      await waitUntilCaughtUp(admin, config.SERVICE_NAME, ranges, stallTimeoutMs, logger);
      const prisma = app.get(PrismaClient);
      const [timelineEntries, orders, [{ customers }]] = await Promise.all([
        prisma.timelineEntry.count(),
        prisma.orderSummary.count(),
        prisma.$queryRaw<[{ customers: number }]>`SELECT count(DISTINCT "customerId")::int AS customers FROM "OrderSummary"`,
      ]);
      return {
        consumerGroup: config.SERVICE_NAME,
        database: new URL(config.DATABASE_URL).pathname.slice(1),
        messages: messagesPerTopic(ranges),
        timelineEntries,
        orders,
        customers,
      };
    } finally {
      await app.close();
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * A rebuild adds to what is there; into a live read model it would hide nothing, but prove nothing either.
 * And it reads the topics from their beginning, far past the inbox's deduplication window
 * (docs/adr/0005): that is safe only where nothing was handled before, so an inbox with rows
 * (even one whose read model was emptied) is refused too.
 */
async function assertEmpty(databaseUrl: string): Promise<void> {
  const prisma = new PrismaClient(prismaClientOptions(databaseUrl));
  try {
    const [entries, orders, handled] = await Promise.all([prisma.timelineEntry.count(), prisma.orderSummary.count(), prisma.inboxMessage.count()]);
    if (entries + orders + handled > 0) {
      throw new Error(
        `the target database is not empty (${entries} timeline entries, ${orders} orders, ${handled} inbox rows): rebuild into a new one`,
      );
    }
  } finally {
    await prisma.$disconnect();
  }
}

async function partitionRanges(admin: Admin, topics: readonly string[]): Promise<PartitionRange[]> {
  const perTopic = await Promise.all(
    topics.map(async (topic) =>
      (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({
        topic,
        partition,
        low: Number(low),
        high: Number(high),
      })),
    ),
  );
  return perTopic.flat();
}

async function waitUntilCaughtUp(
  admin: Admin,
  groupId: string,
  ranges: readonly PartitionRange[],
  stallTimeoutMs: number,
  logger: LoggerService,
): Promise<void> {
  const topics = [...new Set(ranges.map((range) => range.topic))];
  let lastRemaining = Number.POSITIVE_INFINITY;
  let lastProgressAt = Date.now();
  for (;;) {
    const committed = new Map<string, number>();
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics })) {
      for (const { partition, offset } of partitions) committed.set(`${topic}/${partition}`, Number(offset));
    }
    const remaining = remainingMessages(ranges, (topic, partition) => committed.get(`${topic}/${partition}`));
    if (remaining === 0) return;
    if (remaining < lastRemaining) {
      if (Number.isFinite(lastRemaining)) logger.log({ msg: 'progress', remaining }, 'Rebuild');
      lastRemaining = remaining;
      lastProgressAt = Date.now();
    } else if (Date.now() - lastProgressAt > stallTimeoutMs) {
      throw new Error(`no progress for ${stallTimeoutMs} ms with ${remaining} message(s) left; see the logs above`);
    }
    await delay(POLL_INTERVAL_MS);
  }
}
