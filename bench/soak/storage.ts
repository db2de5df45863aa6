// What grows by design, read before and after the soak so the difference can
// be divided by the orders placed in between: each service database's own
// tables (orders, history's timeline, shipments, …; the runtime's outbox and
// inbox apart, as they are bounded), and the event topics' log segments on
// Kafka's disk (kept for ever, ADR 1).
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { localDir } from '../shop-processes.ts';

export interface Storage {
  /** Rows of the order service's "Order" table. */
  orders: number;
  /** Bytes (pg_total_relation_size: table, indexes, TOAST) of each database's own tables, by service. */
  ownTables: Record<string, number>;
  /** The same of its outbox and inbox together. */
  messagingTables: Record<string, number>;
  /** Bytes of the event topics' log segments (*.log of every shop.*.events partition). */
  eventTopicBytes: number;
}

const RUNTIME_TABLES = ['outbox', 'inbox'];

export async function readStorage(databases: Record<string, string>): Promise<Storage> {
  const ownTables: Record<string, number> = {};
  const messagingTables: Record<string, number> = {};
  let orders = 0;
  for (const [service, url] of Object.entries(databases)) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ runtime: boolean; bytes: string }>(
        `SELECT c.relname = ANY($1) AS runtime, sum(pg_total_relation_size(c.oid)) AS bytes
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
          GROUP BY 1`,
        [RUNTIME_TABLES],
      );
      ownTables[service] = Number(rows.find((row) => !row.runtime)?.bytes ?? 0);
      messagingTables[service] = Number(rows.find((row) => row.runtime)?.bytes ?? 0);
      if (service === 'order') orders = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "Order"')).rows[0]!.n;
    } finally {
      await client.end();
    }
  }
  return { orders, ownTables, messagingTables, eventTopicBytes: eventTopicBytes(localDir()) };
}

/** The *.log segment bytes of every `shop.<producer>.events-<partition>` folder under the state folder's Kafka data. */
export function eventTopicBytes(stateDir: string): number {
  let total = 0;
  const visit = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const full = path.join(dir, entry.name);
      if (/^shop\.[a-z-]+\.events-\d+$/.test(entry.name)) {
        for (const file of fs.readdirSync(full)) if (file.endsWith('.log')) total += fs.statSync(path.join(full, file)).size;
      } else if (depth > 0) visit(full, depth - 1);
    }
  };
  for (const entry of fs.readdirSync(stateDir)) if (entry.startsWith('kafka')) visit(path.join(stateDir, entry), 3);
  return total;
}
