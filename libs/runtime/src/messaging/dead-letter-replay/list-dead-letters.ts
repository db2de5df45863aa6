import { randomUUID } from 'node:crypto';
import { deadLetterTopic } from '@shop/event-contracts';
import type { Admin, Kafka } from 'kafkajs';
import { planDeadLetterPage, type PagePlan, type PartitionOffsets } from './dead-letter-page-plan.js';
import { type DeadLetterPosition, formatDeadLetterPosition } from './dead-letter-position.js';
import { assertDeadLetterTopicExists } from './dead-letter-topic.js';
import { deadLetterView, type DeadLetterView } from './dead-letter-view.js';
import { replayGroupId } from './replay-dead-letters.js';
import { textHeaders } from './text-headers.js';

export interface ListDeadLettersOptions {
  kafka: Kafka;
  /** The source topic, e.g. `shop.order.events`. */
  topic: string;
  /** The consumer group whose dead letters (`<topic>.dlq.<groupId>`) are listed. */
  groupId: string;
  /** The most dead letters in the page. */
  limit: number;
  /** The position of the previous page's last dead letter (its `next`); none for the first page. */
  after?: DeadLetterPosition;
  /** Give up reading after this long (DeadLetterReadTimeoutError). */
  timeoutMs?: number;
}

export interface DeadLetterPage {
  topic: string;
  groupId: string;
  deadLetterTopic: string;
  /** Dead letters in the topic now, replayed or not. */
  total: number;
  /** Of them, not replayed yet: what a replay would republish. */
  pending: number;
  /** In (partition, offset) order. */
  deadLetters: DeadLetterView[];
  /** The position to ask the next page after (`<partition>:<offset>`); absent on the last page. */
  next?: string;
}

/** Reading the page took longer than allowed: the broker is slow or unreachable. */
export class DeadLetterReadTimeoutError extends Error {}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * One page of a consumer group's dead letters, marked replayed or not (the
 * replay group's committed offsets, see replayDeadLetters). Reads only the
 * page's offsets, with a consumer group of its own that commits nothing and is
 * deleted afterwards (kafkajs cannot read a partition without a group).
 */
export async function listDeadLetters(options: ListDeadLettersOptions): Promise<DeadLetterPage> {
  const { kafka, topic, groupId, limit, after, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const source = deadLetterTopic(topic, groupId);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await assertDeadLetterTopicExists(admin, source);
    const [offsets, replayedBelow] = await Promise.all([partitionOffsets(admin, source), replayedOffsets(admin, source, groupId)]);
    const replayedIn = (partition: number, low: bigint) => {
      const committed = replayedBelow.get(partition) ?? -1n;
      return committed > low ? committed : low;
    };
    const plan = planDeadLetterPage(offsets, limit, after);
    const others = offsets.map(({ partition }) => partition).filter((partition) => !plan.reads.some((read) => read.partition === partition));
    const messages = await readPlanned(kafka, source, groupId, plan, others, timeoutMs);
    const lows = new Map(offsets.map(({ partition, low }) => [partition, low]));
    const deadLetters = messages.map((message) => deadLetterView(message, replayedIn(message.partition, lows.get(message.partition) ?? 0n)));
    const last = deadLetters.at(-1);
    return {
      topic,
      groupId,
      deadLetterTopic: source,
      total: Number(offsets.reduce((sum, { low, high }) => sum + high - low, 0n)),
      pending: Number(offsets.reduce((sum, { partition, low, high }) => sum + high - replayedIn(partition, low), 0n)),
      deadLetters,
      ...(plan.hasMore && last && { next: formatDeadLetterPosition({ partition: last.partition, offset: BigInt(last.offset) }) }),
    };
  } finally {
    await admin.disconnect();
  }
}

async function partitionOffsets(admin: Admin, topic: string): Promise<PartitionOffsets[]> {
  return (await admin.fetchTopicOffsets(topic)).map(({ partition, low, high }) => ({ partition, low: BigInt(low), high: BigInt(high) }));
}

/** Per partition, the replay group's committed offset: the dead letters below it were replayed. */
async function replayedOffsets(admin: Admin, topic: string, groupId: string): Promise<Map<number, bigint>> {
  const [committed] = await admin.fetchOffsets({ groupId: replayGroupId(groupId), topics: [topic] });
  return new Map((committed?.partitions ?? []).map(({ partition, offset }) => [partition, BigInt(offset)]));
}

interface ReadMessage {
  partition: number;
  offset: string;
  key: string | null;
  headers: Record<string, string>;
}

/** The messages of the plan's ranges, in (partition, offset) order; `others`, the partitions it leaves alone. */
async function readPlanned(
  kafka: Kafka,
  topic: string,
  groupId: string,
  plan: PagePlan,
  others: readonly number[],
  timeoutMs: number,
): Promise<ReadMessage[]> {
  if (plan.reads.length === 0) return [];
  const ranges = new Map(plan.reads.map((read) => [read.partition, read]));
  const read = new Map<number, ReadMessage[]>(plan.reads.map(({ partition }) => [partition, []]));
  const inspector = `${groupId}.dlq-inspect.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId: inspector, allowAutoTopicCreation: false, maxWaitTimeInMs: 200 });
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const finished = new Promise<void>((resolve, reject) => ((finish = resolve), (fail = reject)));
  finished.catch(() => undefined); // awaited below; a crash before that must not be an unhandled rejection
  consumer.on(consumer.events.CRASH, ({ payload }) => fail(payload.error));
  const timer = setTimeout(() => fail(new DeadLetterReadTimeoutError(`reading ${topic} took over ${timeoutMs} ms`)), timeoutMs);
  const pending = new Set(ranges.keys());
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = ranges.get(batch.partition);
        if (!range || !pending.has(batch.partition)) return;
        for (const message of batch.messages) {
          const offset = BigInt(message.offset);
          if (offset < range.start || offset >= range.end) continue;
          const key = message.key?.toString() ?? null;
          read.get(batch.partition)!.push({ partition: batch.partition, offset: message.offset, key, headers: textHeaders(message.headers) });
        }
        const last = batch.messages.at(-1);
        if (last && BigInt(last.offset) + 1n >= range.end) {
          consumer.pause([{ topic, partitions: [batch.partition] }]);
          pending.delete(batch.partition);
          if (pending.size === 0) finish();
        }
      },
    });
    // After run(), as kafkajs requires: each planned partition from its start; the others are not read.
    for (const { partition, start } of plan.reads) consumer.seek({ topic, partition, offset: start.toString() });
    if (others.length > 0) consumer.pause([{ topic, partitions: [...others] }]);
    await finished;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await deleteGroup(kafka, inspector);
  }
  return [...read.keys()].sort((a, b) => a - b).flatMap((partition) => read.get(partition)!);
}

/** The inspecting group committed nothing; deleting it leaves the broker as it was. Best effort. */
async function deleteGroup(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // An empty group without offsets is removed by the broker anyway.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
