import type { LoggerService } from '@nestjs/common';
import { deadLetterTopic } from '@shop/event-contracts';
import { type Admin, type IHeaders, type Kafka, type KafkaMessage, type Message, Partitioners } from 'kafkajs';
import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter-headers.js';
import { assertInsideDeduplicationWindow } from '../retention/deduplication-window.js';
import { assertDeadLetterTopicExists } from './dead-letter-topic.js';
import { textHeaders } from './text-headers.js';

/**
 * Stamped on a replayed event. Consumers ignore headers they do not know; if
 * the event fails again, its new dead letter keeps this header (the consumer
 * only replaces the dlq_* headers it sets), so it shows the failure came after
 * a replay. A later replay strips it with the other dlq_* headers and stamps it anew.
 */
export const REPLAYED_AT_HEADER = 'dlq_replayed_at';

export interface ReplayDeadLettersOptions {
  kafka: Kafka;
  /** The source topic, e.g. `shop.order.events`. */
  topic: string;
  /** The consumer group whose dead letters (`<topic>.dlq.<groupId>`) are replayed. */
  groupId: string;
  logger: LoggerService;
  /** Which dead letters to replay, by their headers as text (dlq_reason, ce_type, ...). Default: all. */
  filter?: (headers: Record<string, string>) => boolean;
  /** Count what a replay would do, publishing and committing nothing. */
  dryRun?: boolean;
  /**
   * The inbox's deduplication window (SHOP_INBOX_WINDOW_S). Given, the replay
   * first reads the dead letters it would replay and refuses, publishing
   * nothing (PastDeduplicationWindowError), if one is of an event older than
   * the window, unless `proceedPastIt`. Docs/adr/0005.
   */
  deduplicationWindow?: { seconds: number; proceedPastIt?: boolean };
}

export interface ReplayResult {
  replayed: number;
  skipped: number;
}

/** What one pass over the dead letters saw besides: the time of the oldest event it (would have) republished. */
interface Pass extends ReplayResult {
  oldestEvent?: Date;
}

const LOG_CONTEXT = 'DeadLetterReplay';

/** The group that remembers how far the dead letters of `groupId` have been replayed. */
export const replayGroupId = (groupId: string) => `${groupId}.dlq-replay`;

/**
 * Republishes the dead letters of one consumer group to their original topic,
 * with their original key, value and headers (dlq_* removed, dlq_replayed_at
 * added), up to the end of the dead-letter topic as it is when the replay starts.
 *
 * Progress is committed under `<groupId>.dlq-replay`, so the next replay starts
 * where this one stopped and a dead letter is replayed once. Skipped dead
 * letters are passed over for good too. Publish-then-commit is at-least-once: a
 * replay killed in between replays the last batch again, which is harmless, as
 * is replaying an event that was meanwhile handled: every consumer group of the
 * topic deduplicates on ce_id through its inbox. (All groups of the topic see
 * the replayed event; those that handled it drop it.) A replayed event comes
 * after the later events of its key.
 */
export async function replayDeadLetters(options: ReplayDeadLettersOptions): Promise<ReplayResult> {
  const { deduplicationWindow: window, dryRun = false } = options;
  if (window && !window.proceedPastIt) {
    // A dry pass first, so that a refused replay has published nothing.
    const preview = await pass({ ...options, dryRun: true });
    assertInsideDeduplicationWindow(preview.oldestEvent, window.seconds, `the dead letters of ${deadLetterTopic(options.topic, options.groupId)}`);
    if (dryRun) return { replayed: preview.replayed, skipped: preview.skipped };
  }
  const { replayed, skipped, oldestEvent } = await pass(options);
  if (window?.proceedPastIt && oldestEvent && oldestEvent.getTime() < Date.now() - window.seconds * 1000) {
    options.logger.warn({ msg: 'replayed events older than the deduplication window', oldestEvent, windowS: window.seconds }, LOG_CONTEXT);
  }
  return { replayed, skipped };
}

/** Reads the pending dead letters once, republishing them unless dryRun. */
async function pass(options: ReplayDeadLettersOptions): Promise<Pass> {
  const { kafka, topic, groupId, logger, filter = () => true, dryRun = false } = options;
  const source = deadLetterTopic(topic, groupId);
  const replayGroup = replayGroupId(groupId);
  const pending = await pendingRanges(kafka, source, replayGroup);
  const result: Pass = { replayed: 0, skipped: 0 };
  if (pending.size === 0) {
    logger.log({ msg: 'nothing to replay', topic: source, dryRun }, LOG_CONTEXT);
    return result;
  }

  // acks=-1 (kafkajs's default, the only one it allows idempotent), one request in flight: as the outbox relay's producer.
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: replayGroup, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  finished.catch(() => undefined); // awaited below; a crash before that must not be an unhandled rejection
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));

  const markDone = (partition: number) => {
    pending.delete(partition);
    if (pending.size === 0) finish();
  };
  // A partition the group gave another replay of the same dead letters (a second gateway, the CLI) is that
  // replay's to do: waiting for it here would never end. Each replay reports what it republished itself.
  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    const assigned = new Set(payload.memberAssignment[source] ?? []);
    for (const partition of [...pending.keys()]) if (!assigned.has(partition)) markDone(partition);
  });

  try {
    await Promise.all([dryRun ? undefined : producer.connect(), consumer.connect()]);
    await consumer.subscribe({ topic: source, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat }) => {
        const end = pending.get(batch.partition)?.end;
        if (end === undefined) return; // done already (or empty at start): later dead letters wait for the next replay
        const inRange = batch.messages.filter((message) => BigInt(message.offset) < end);
        const outgoing = new Map<string, Message[]>();
        for (const message of inRange) {
          const headers = textHeaders(message.headers);
          if (!filter(headers)) {
            result.skipped += 1;
            continue;
          }
          const target = headers[DEAD_LETTER_HEADERS.originalTopic] ?? topic;
          outgoing.set(target, [...(outgoing.get(target) ?? []), republished(message)]);
          result.replayed += 1;
          const time = eventTime(headers, message);
          if (!result.oldestEvent || time < result.oldestEvent) result.oldestEvent = time;
        }
        if (!dryRun && inRange.length > 0) {
          await producer.sendBatch({ topicMessages: [...outgoing].map(([target, messages]) => ({ topic: target, messages })) });
          const next = (BigInt(inRange.at(-1)!.offset) + 1n).toString();
          await consumer.commitOffsets([{ topic: source, partition: batch.partition, offset: next }]);
        }
        await heartbeat();
        const last = inRange.at(-1);
        if (inRange.length < batch.messages.length || (last && BigInt(last.offset) + 1n >= end)) {
          consumer.pause([{ topic: source, partitions: [batch.partition] }]);
          markDone(batch.partition);
        }
      },
    });
    await finished;
  } finally {
    await Promise.allSettled([consumer.disconnect(), dryRun ? undefined : producer.disconnect()]);
  }
  logger.log({ msg: dryRun ? 'dry run: nothing published' : 'replayed', topic: source, to: topic, ...result }, LOG_CONTEXT);
  return result;
}

/**
 * When the event was written (ce_time): every group that handled it did so
 * later, so its inbox row is younger. A dead letter without one (not a shop
 * event) counts from when it was dead-lettered.
 */
function eventTime(headers: Record<string, string>, message: KafkaMessage): Date {
  const written = headers.ce_time ? new Date(headers.ce_time) : undefined;
  return written && !Number.isNaN(written.getTime()) ? written : new Date(Number(message.timestamp));
}

/** The original key and value, the original headers (dlq_* dropped) and dlq_replayed_at. */
function republished(message: KafkaMessage): Message {
  const headers: IHeaders = Object.fromEntries(Object.entries(message.headers ?? {}).filter(([name]) => !name.startsWith('dlq_')));
  headers[REPLAYED_AT_HEADER] = new Date().toISOString();
  return { key: message.key, value: message.value, headers };
}

/**
 * Per partition with something to replay: the end offset (the high watermark
 * now). Partitions the replay group has already read up to it are left out.
 */
async function pendingRanges(kafka: Kafka, source: string, replayGroup: string): Promise<Map<number, { end: bigint }>> {
  const admin: Admin = kafka.admin();
  await admin.connect();
  try {
    await assertDeadLetterTopicExists(admin, source);
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(source), admin.fetchOffsets({ groupId: replayGroup, topics: [source] })]);
    const committedBy = new Map(committed!.partitions.map(({ partition, offset }) => [partition, BigInt(offset)]));
    const pending = new Map<number, { end: bigint }>();
    for (const { partition, low, high } of ends) {
      const start = [committedBy.get(partition) ?? -1n, BigInt(low)].reduce((a, b) => (a > b ? a : b));
      if (start < BigInt(high)) pending.set(partition, { end: BigInt(high) });
    }
    return pending;
  } finally {
    await admin.disconnect();
  }
}
