// One sample of the soak, every 30 s: the RSS of every process of the shop,
// the rows of every service's outbox and inbox, each consumer group's lag, and
// placed→decided latency over the samples' interval. Values are keyed by the
// series they belong to (series.ts), e.g. `rss kafka`, `inbox order`.
import { consumerLag } from '@shop/runtime';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import type { Latencies } from '../load/latency.ts';
import type { App } from '../native-shop.ts';
import { infrastructure, postgresProcesses, statusField } from '../shop-processes.ts';

export interface Sample {
  minute: number;
  values: Record<string, number>;
}

export interface SampleSources {
  apps: readonly App[];
  admin: Admin;
  /** The consumer groups whose lag is read (every topic each reads). */
  groups: readonly string[];
  /** A connection string to each service's database, as the admin role, by service. */
  databases: Record<string, string>;
  /** placed→decided of the orders decided since the last sample; read, then reset. */
  latencies: Latencies;
}

const mb = (kb: number | undefined) => Math.round(((kb ?? 0) / 1024) * 10) / 10;

/**
 * RSS in MB: VmRSS of each app and of Kafka, Jaeger, Mailpit and the Slack sink;
 * for PostgreSQL the sum of RssAnon (private memory) of the postmaster and the
 * shop's backends: their VmRSS would count the shared buffers once per process.
 */
export function readRss(apps: readonly App[]): Record<string, number> {
  const rss: Record<string, number> = {};
  for (const app of apps) rss[`rss ${app.service}`] = mb(statusField(app.child.pid!, 'VmRSS'));
  for (const { pid, component } of infrastructure(() => [])) rss[`rss ${component}`] = mb(statusField(pid, 'VmRSS'));
  rss['rss postgres'] = mb(postgresProcesses().reduce((sum, p) => sum + (statusField(p.pid, 'RssAnon') ?? 0), 0));
  return rss;
}

/** Rows of each service's outbox and inbox (count(*): the tables are small once bounded). */
export async function readMessagingRows(databases: Record<string, string>): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const [service, url] of Object.entries(databases)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows: [counts] } = await client.query<{ outbox: number; inbox: number }>(
        'SELECT (SELECT count(*) FROM outbox)::int AS outbox, (SELECT count(*) FROM inbox)::int AS inbox',
      );
      rows[`outbox ${service}`] = counts!.outbox;
      rows[`inbox ${service}`] = counts!.inbox;
    } finally {
      await client.end();
    }
  }
  return rows;
}

export async function takeSample(minute: number, sources: SampleSources): Promise<Sample> {
  const lag: Record<string, number> = {};
  for (const group of sources.groups) {
    const partitions = await consumerLag(sources.admin, group).catch(() => []);
    lag[`lag ${group}`] = partitions.reduce((sum, partition) => sum + partition.lag, 0);
  }
  const latency = sources.latencies.figures();
  sources.latencies.reset();
  return {
    minute,
    values: {
      ...readRss(sources.apps),
      ...(await readMessagingRows(sources.databases)),
      ...lag,
      ...(latency.count > 0 && { 'latency p50': Math.round(latency.p50), 'latency p99': Math.round(latency.p99) }),
    },
  };
}
