import type { Admin } from 'kafkajs';

export interface PartitionLag {
  topic: string;
  partition: number;
  /** The group's committed position (the next offset it will read); the log's start when it has committed nothing. */
  committed: number;
  /** The log's end: the offset the next event will get. */
  end: number;
  lag: number;
}

/**
 * How far a consumer group is behind on the topics it reads: per partition,
 * its committed position against the log's end. A group that has committed
 * nothing yet (a new subscriber) is at the log's start, as a group reading
 * from the beginning is. `topics`: the group's topics; by default, those it has committed offsets on.
 */
export async function consumerLag(admin: Admin, groupId: string, topics?: string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, ...(topics && { topics }) });
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    const offsets = await admin.fetchTopicOffsets(topic);
    for (const { partition, high, low } of offsets) {
      const position = Number(partitions.find((p) => p.partition === partition)?.offset ?? -1);
      const from = position < 0 ? Number(low) : position;
      lags.push({ topic, partition, committed: from, end: Number(high), lag: Math.max(0, Number(high) - from) });
    }
  }
  return lags.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}
