import type { DeadLetterPosition } from './dead-letter-position.js';

/** A partition of the dead-letter topic as the broker reports it: [low, high) holds its dead letters. */
export interface PartitionOffsets {
  partition: number;
  low: bigint;
  high: bigint;
}

/** What one page reads: per partition, the offsets [start, end). */
export interface PagePlan {
  reads: { partition: number; start: bigint; end: bigint }[];
  /** Whether dead letters remain after the last one the page reads. */
  hasMore: boolean;
}

/**
 * The dead letters of one page, decided from the offsets alone, before reading
 * anything: the first `limit` in (partition, offset) order after `after`. A
 * dead-letter topic is written by plain (non-transactional) producers, so its
 * offsets have no gaps and the counts are exact.
 */
export function planDeadLetterPage(partitions: readonly PartitionOffsets[], limit: number, after?: DeadLetterPosition): PagePlan {
  const reads: PagePlan['reads'] = [];
  let remaining = BigInt(limit);
  let hasMore = false;
  for (const { partition, low, high } of [...partitions].sort((a, b) => a.partition - b.partition)) {
    if (after && partition < after.partition) continue;
    const from = after && partition === after.partition ? after.offset + 1n : low;
    const start = from > low ? from : low;
    if (start >= high) continue;
    if (remaining === 0n) {
      hasMore = true;
      break;
    }
    const end = start + remaining < high ? start + remaining : high;
    reads.push({ partition, start, end });
    remaining -= end - start;
    if (end < high) hasMore = true;
  }
  return { reads, hasMore };
}
