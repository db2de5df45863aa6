// What PostgreSQL itself manages of the transaction every consumer of the
// shop runs: pgbench, from the same installation as the running postmaster,
// against a database of the run's own (dropped after) holding the real inbox
// and outbox tables (libs/runtime/prisma/messaging-migration.sql) and a
// product table; each transaction records an event in the inbox, updates a
// row, writes an outbox row with a payload of the shop's event size and
// notifies the relay, as libs/runtime's inbox.ts and outbox.ts do.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { repoRoot } from '../native-shop.ts';
import { allPostgresProcesses } from '../shop-processes.ts';
import { type PgbenchFigures, parsePgbench } from './pgbench-output.ts';

export interface PgbenchLimit extends PgbenchFigures {
  database: string;
  clients: number;
  threads: number;
  seconds: number;
  payloadBytes: number;
  pgbench: string;
}

export interface AdminConnection {
  host: string;
  port: number;
  user: string;
  password: string;
}

const PRODUCTS = 100;

/** pgbench beside the running postmaster's binary, else the newest installed. */
export function pgbenchBinary(): string {
  const postmaster = allPostgresProcesses()[0]!.pid;
  try {
    const beside = path.join(path.dirname(fs.readlinkSync(`/proc/${postmaster}/exe`)), 'pgbench');
    if (fs.existsSync(beside)) return beside;
  } catch {
    // not ours to read: fall back on the installed versions
  }
  const versions = fs.readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  const found = versions.map((version) => `/usr/lib/postgresql/${version}/bin/pgbench`).find((file) => fs.existsSync(file));
  if (!found) throw new Error('pgbench not found beside the postmaster nor under /usr/lib/postgresql/*/bin');
  return found;
}

/** A JSON object of about `bytes` bytes: the shape matters less to PostgreSQL than the size. */
export const jsonOfSize = (bytes: number): string => JSON.stringify({ data: 'x'.repeat(Math.max(0, Math.round(bytes) - 11)) });

export function consumerScript(payloadBytes: number, headerBytes: number): string {
  return [
    `\\set sku random(1, ${PRODUCTS})`,
    'BEGIN;',
    "INSERT INTO inbox (consumer_group, event_id, type) VALUES ('pgbench', gen_random_uuid()::text, 'shop.order.placed.v1') ON CONFLICT DO NOTHING;",
    'UPDATE "Product" SET stock = stock - 1, "updatedAt" = now() WHERE sku = \'SKU-\' || :sku;',
    // The outbox row and its NOTIFY in one statement, as the runtime's Outbox writes them.
    `WITH written AS (INSERT INTO outbox (id, topic, key, type, headers, payload) VALUES (gen_random_uuid(), 'shop.inventory.events', gen_random_uuid()::text, 'shop.inventory.reserved.v1', '${jsonOfSize(headerBytes)}'::jsonb, '${jsonOfSize(payloadBytes)}'::jsonb) RETURNING id) SELECT pg_notify('shop_outbox', '') FROM written;`,
    'END;',
    '',
  ].join('\n');
}

export async function measurePostgres(
  admin: AdminConnection,
  { payloadBytes, headerBytes, clients = 4, threads = 2, seconds = 15 }: { payloadBytes: number; headerBytes: number; clients?: number; threads?: number; seconds?: number },
): Promise<PgbenchLimit> {
  const database = `bench_capacity_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${randomUUID().slice(0, 6)}`;
  const url = (db: string) => `postgresql://${encodeURIComponent(admin.user)}:${encodeURIComponent(admin.password)}@${admin.host}:${admin.port}/${db}`;
  const server = new pg.Client({ connectionString: url('postgres') });
  await server.connect();
  const script = path.join(os.tmpdir(), `${database}.sql`);
  try {
    await server.query(`CREATE DATABASE ${database}`);
    const db = new pg.Client({ connectionString: url(database) });
    await db.connect();
    try {
      await db.query(fs.readFileSync(path.join(repoRoot, 'libs/runtime/prisma/messaging-migration.sql'), 'utf8'));
      await db.query('CREATE TABLE "Product" (sku TEXT PRIMARY KEY, stock INTEGER NOT NULL, "updatedAt" TIMESTAMP(3) NOT NULL)');
      await db.query(`INSERT INTO "Product" SELECT 'SKU-' || n, 1000000000, now() FROM generate_series(1, ${PRODUCTS}) n`);
    } finally {
      await db.end();
    }
    fs.writeFileSync(script, consumerScript(payloadBytes, headerBytes));
    const pgbench = pgbenchBinary();
    const { stdout, stderr } = await promisify(execFile)(
      pgbench,
      ['-n', '-f', script, '-c', String(clients), '-j', String(threads), '-T', String(seconds), '-h', admin.host, '-p', String(admin.port), '-U', admin.user, database],
      { env: { ...process.env, PGPASSWORD: admin.password }, maxBuffer: 16 * 2 ** 20, timeout: (seconds + 60) * 1000 },
    );
    return { ...parsePgbench(`${stdout}\n${stderr}`), database, clients, threads, seconds, payloadBytes, pgbench };
  } finally {
    fs.rmSync(script, { force: true });
    await server.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch((error: unknown) => console.error(`could not drop ${database}: ${String(error)}`));
    await server.end();
  }
}
