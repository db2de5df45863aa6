// What one order costs underneath, counted rather than estimated: the
// messages written to Kafka (the end offsets of every topic the shop writes,
// summed over partitions), the transactions PostgreSQL committed for the
// shop (pg_stat_database.xact_commit of the shop's databases) and the
// statements it ran for it, per database (pg_stat_statements' calls: each one
// a round trip from an app, BEGIN and COMMIT included), read before and after
// a run. Also the members of the shop's consumer groups, since another copy of
// the apps on the same Kafka would share their partitions.
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
  /** Statements run in each of the shop's databases; undefined when PostgreSQL runs without pg_stat_statements. */
  statements: Record<string, number> | undefined;
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
    return {
      kafkaMessages: Object.values(byTopic).reduce((sum, n) => sum + n, 0),
      byTopic,
      commits: Number(rows[0]!.commits),
      statements: await statementsByDatabase(client),
    };
  } finally {
    await client.end();
  }
}

/**
 * pg_stat_statements' calls summed per shop database that ran any, up to date
 * at once (no flush delay). The server loads the module at start (infra/postgres/postgres.sh);
 * its view is created here in the administrator's database. Undefined when the
 * server was started without it (one started before the module was added).
 */
async function statementsByDatabase(client: pg.Client): Promise<Record<string, number> | undefined> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const { rows } = await client.query<{ datname: string; calls: string }>(
      'SELECT d.datname, sum(s.calls) AS calls FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = ANY($1) GROUP BY d.datname',
      [shopDatabases()],
    );
    return Object.fromEntries(rows.map((row) => [row.datname, Number(row.calls)]));
  } catch {
    return undefined;
  }
}

/** What each database ran between two readings; undefined unless both were read. */
export function statementsBetween(before: ShopCounters, after: ShopCounters): Record<string, number> | undefined {
  if (!before.statements || !after.statements) return undefined;
  return Object.fromEntries(Object.entries(after.statements).map(([database, calls]) => [database, calls - (before.statements![database] ?? 0)]));
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
