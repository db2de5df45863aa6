/** A partition's offsets when the rebuild started: it reads [low, high). */
export interface PartitionRange {
  topic: string;
  partition: number;
  low: number;
  high: number;
}

/** The group's committed offset (the next to read) of a partition; undefined (or < 0) before any commit. */
export type CommittedOffset = (topic: string, partition: number) => number | undefined;

/**
 * How many messages of the ranges the group has not committed past yet. Zero
 * means caught up with the topics as they were at the start; what was produced
 * since is not waited for, so a busy shop does not keep the rebuild running.
 */
export function remainingMessages(ranges: readonly PartitionRange[], committed: CommittedOffset): number {
  return ranges.reduce((remaining, { topic, partition, low, high }) => {
    const next = Math.max(low, committed(topic, partition) ?? -1);
    return remaining + Math.max(0, high - next);
  }, 0);
}

/** Messages per topic in the ranges. */
export function messagesPerTopic(ranges: readonly PartitionRange[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { topic, low, high } of ranges) counts[topic] = (counts[topic] ?? 0) + Math.max(0, high - low);
  return counts;
}
