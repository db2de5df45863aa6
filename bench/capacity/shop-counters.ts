// What one order costs underneath, counted rather than estimated: the
// messages written to Kafka (the end offsets of every topic the shop writes,
// summed over partitions) and the transactions PostgreSQL committed for the
// shop (pg_stat_database.xact_commit of the shop's databases), read before and
// after a run. Also the members of the shop's consumer groups, since another
// copy of the apps on the same Kafka would share their partitions.
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { shopDatabases } from '../shop-processes.ts';

export interface ShopCounters {
  /** Messages in the shop's topics (not Kafka's internal ones, not the benchmark's own topics). */
  kafkaMessages: number;
  /** Per topic, for the report. */
  byTopic: Record<string, number>;
  /** Transactions committed in the shop's databases. */
  commits: number;
}

export const BENCH_TOPIC_PREFIX = 'bench.capacity.';

export async function readShopCounters(admin: Admin, adminDatabaseUrl: string): Promise<ShopCounters> {
  const topics = (await admin.listTopics()).filter((topic) => !topic.startsWith('__') && !topic.startsWith(BENCH_TOPIC_PREFIX));
  const byTopic: Record<string, number> = {};
  for (const topic of topics) {
    const offsets = await admin.fetchTopicOffsets(topic).catch(() => []); // deleted meanwhile
    byTopic[topic] = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
  }
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    // The statistics a backend has not flushed yet (at most every second while busy) are not in it.
    const { rows } = await client.query<{ commits: string }>('SELECT coalesce(sum(xact_commit), 0) AS commits FROM pg_stat_database WHERE datname = ANY($1)', [shopDatabases()]);
    return { kafkaMessages: Object.values(byTopic).reduce((sum, n) => sum + n, 0), byTopic, commits: Number(rows[0]!.commits) };
  } finally {
    await client.end();
  }
}

/** Members of each group now: more than the run's own apps means other copies share the work (and the figures). */
export async function groupMembers(admin: Admin, groups: readonly string[]): Promise<Record<string, number>> {
  const { groups: described } = await admin.describeGroups([...groups]);
  return Object.fromEntries(described.map((group) => [group.groupId, group.members.length]));
}

/** The most members each group had in either reading. */
export function mostMembers(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const most: Record<string, number> = { ...a };
  for (const [group, members] of Object.entries(b)) most[group] = Math.max(most[group] ?? 0, members);
  return most;
}

/** Groups with more members than the run's one app each: another copy of the shop consumed from the same topics. */
export const sharedGroups = (members: Record<string, number>): string[] => Object.keys(members).filter((group) => members[group]! > 1).sort();
