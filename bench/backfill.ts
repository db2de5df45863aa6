// ./shop bench backfill: how fast a new subscriber catches up on the shop's
// history, and what keeping that history costs on disk.
//
// 1. The shop's log must hold at least MIN_EVENTS events of the subscriber's
//    two types (order placed, order shipped): orders are placed through the
//    seven apps (started here, untraced) until it does.
// 2. On a copy of the repository, `./shop new subscriber` makes a subscriber
//    of those types; it is built, migrated and started, and timed from the
//    command to caught up (its group's lag 0), with its reading rate.
// 3. The event topics' size on disk (their segment files) per order in the log.
// The report goes to bench/reports/backfill-<date>.md. Run by infra/bench.sh with tsx.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { consumerLag, kafkaCredentials } from '@shop/runtime';
import { health } from '../infra/supervisor/app-health.ts';
import { APP_ENTRY } from '../tools/services/services.mjs';
import { signedIn } from '../e2e/support/demo-sign-in.js';
import { RepositoryCopy } from '../e2e/subscriber/repository-copy.js';
import { gatewayOf, native, repoRoot, startApps, stopApps, waitHealthy } from './native-shop.ts';
import { reportFile } from './report-file.ts';

const MIN_EVENTS = Number(process.env.BENCH_BACKFILL_EVENTS ?? 10_000);
const TYPES = ['shop.order.placed.v1', 'shop.order.shipped.v1'];
const ORDER_TOPIC = 'shop.order.events';
const SUBSCRIBER_PORT = 3460;
const brokers = native('echo "$KAFKA_BROKERS"').trim().split(',');
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'bench-backfill', brokers, logLevel: logLevel.NOTHING });

/** Every event of the order topic, by type (headers only). */
async function countOrderEvents(): Promise<Record<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(ORDER_TOPIC);
  await admin.disconnect();
  const remaining = new Map(ends.map(({ partition, high, low }) => [partition, Number(high) - Number(low)]));
  const counts: Record<string, number> = {};
  const seen = new Set<string>();
  if ([...remaining.values()].every((n) => n === 0)) return counts;
  const consumer = kafka.consumer({ groupId: `bench-count-${randomUUID()}`, maxBytes: 16 * 1024 * 1024 });
  await consumer.connect();
  await consumer.subscribe({ topic: ORDER_TOPIC, fromBeginning: true });
  await new Promise<void>((resolve) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          const id = String(message.headers?.ce_id ?? '');
          if (!seen.has(id)) {
            seen.add(id);
            const type = String(message.headers?.ce_type ?? 'unknown');
            counts[type] = (counts[type] ?? 0) + 1;
          }
        }
        const end = Number(ends.find((e) => e.partition === batch.partition)!.high);
        if (Number(batch.lastOffset()) + 1 >= end) remaining.set(batch.partition, 0);
        if ([...remaining.values()].every((n) => n === 0)) resolve();
      },
    });
  });
  await consumer.disconnect();
  return counts;
}

const subscribed = (counts: Record<string, number>) => TYPES.reduce((sum, type) => sum + (counts[type] ?? 0), 0);

/** Orders through the gateway, `concurrency` at a time, answered 202; their events follow by themselves. */
async function placeOrders(gateway: string, count: number, concurrency: number): Promise<number> {
  const sku = `BENCH-BACKFILL-${randomBytes(3).toString('hex')}`.toUpperCase();
  const inventory = new pg.Client({ connectionString: native('service_database_url inventory').trim() });
  await inventory.connect();
  await inventory.query('INSERT INTO "Product" (sku, name, "priceCents", stock, "updatedAt") VALUES ($1, $2, 500, $3, now())', [sku, `Backfill bench ${sku}`, count]);
  await inventory.end();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const response = await fetch(`${gateway}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await signedIn(gateway, `backfill-${i % 50}`)), 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({
            email: `backfill-${i % 50}@example.com`,
            items: [{ sku, quantity: 1 }],
            shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
          }),
        });
        if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}: ${await response.text()}`);
        if (i % 500 === 499) process.stderr.write(`[bench] ${i + 1} orders placed\n`);
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/** The bytes of the event topics' segments on disk, and of the order topic alone. */
function eventTopicBytes(): { all: number; order: number } {
  const data = path.join(native('echo "$SHOP_STATE"').trim(), 'kafka/data');
  let all = 0;
  let order = 0;
  for (const dir of fs.readdirSync(data)) {
    if (!/^shop\.[a-z-]+\.events-\d+$/.test(dir)) continue;
    for (const file of fs.readdirSync(path.join(data, dir))) {
      if (!file.endsWith('.log')) continue;
      const size = fs.statSync(path.join(data, dir, file)).size;
      all += size;
      if (dir.startsWith(`${ORDER_TOPIC}-`)) order += size;
    }
  }
  return { all, order };
}

// --- 1. enough history ---------------------------------------------------------

let counts = await countOrderEvents();
let placedSeconds = 0;
let placedHere = 0;
if (subscribed(counts) < MIN_EVENTS) {
  placedHere = Math.ceil((MIN_EVENTS - subscribed(counts)) / 2) + 50;
  process.stderr.write(`[bench] the log holds ${subscribed(counts)} events of ${TYPES.join(', ')}; placing ${placedHere} orders\n`);
  const apps = startApps(3400, 'bench-backfill', { OTEL_SDK_DISABLED: 'true', SHIPPING_DISPATCH_DELAY_MS: '0', GATEWAY_REQUEST_TIMEOUT_MS: '15000' });
  try {
    await waitHealthy(apps, 'bench-backfill');
    placedSeconds = await placeOrders(gatewayOf(apps), placedHere, 16);
    const target = MIN_EVENTS;
    for (let waited = 0; subscribed((counts = await countOrderEvents())) < target && waited < 300; waited += 5) {
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
  } finally {
    await stopApps(apps);
  }
}
const orders = counts['shop.order.placed.v1'] ?? 0;
const logEvents = Object.values(counts).reduce((sum, n) => sum + n, 0);

// --- 2. a new subscriber catching up -------------------------------------------------

const name = `backfill-${randomBytes(2).toString('hex').replace(/^\d/, 'a')}`;
const copy = await RepositoryCopy.create();
let report: string;
try {
  const commandStarted = performance.now();
  await copy.shop('new', 'subscriber', name, '--events', TYPES.join(','));
  await copy.pnpm('turbo', 'run', 'build', `--filter=@shop/${name}`, '--output-logs=errors-only');
  await copy.shop('infra', 'start', 'postgres');
  const env = await copy.appEnvironment(name);
  await copy.migrate(name, env.DATABASE_URL!);
  await copy.admitToKafka();
  const readyToStart = performance.now();
  const child = spawn(process.execPath, [path.join(copy.dir, 'apps', name, APP_ENTRY)], {
    env: { PATH: process.env.PATH, ...env, PORT: String(SUBSCRIBER_PORT), SHOP_TRACE_SAMPLE_RATIO: '0.01' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The end of what it printed, for the error if it exits.
  const childOutput: string[] = [];
  const keep = (chunk: Buffer) => {
    childOutput.push(String(chunk));
    if (childOutput.length > 20) childOutput.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const admin = kafka.admin();
  await admin.connect();
  let caughtUpAt = 0;
  let read = 0;
  let lastProgress = performance.now();
  for (;;) {
    const lags = await consumerLag(admin, name, [ORDER_TOPIC]);
    const lag = lags.reduce((sum, p) => sum + p.lag, 0);
    read = lags.reduce((sum, p) => sum + p.committed, 0);
    if (lags.length > 0 && lag === 0 && read > 0) {
      caughtUpAt = performance.now();
      break;
    }
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}) before catching up: ${childOutput.join('').slice(-2_000)}`);
    if (performance.now() - readyToStart > 900_000) throw new Error('not caught up within 15 minutes');
    if (performance.now() - lastProgress > 10_000) {
      lastProgress = performance.now();
      const state = lags.length > 0 ? `${read} log entries read, lag ${lag}` : `not consuming yet (/health: ${await health(`http://127.0.0.1:${SUBSCRIBER_PORT}/health`)})`;
      process.stderr.write(`[bench] ${name}: ${state}, ${((lastProgress - readyToStart) / 1000).toFixed(0)} s\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await admin.disconnect();
  const handled = await (async () => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM "SeenEvent"');
    await client.end();
    return rows[0]!.n;
  })();
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));

  const catchUpSeconds = (caughtUpAt - readyToStart) / 1000;
  const commandSeconds = (caughtUpAt - commandStarted) / 1000;
  const bytes = eventTopicBytes();
  const perOrder = bytes.all / Math.max(orders, 1);
  const gb = (n: number) => (n / 1e9).toFixed(1);
  const size = (n: number) => (n >= 1e9 ? `${gb(n)} GB` : `${(n / 1e6).toFixed(1)} MB`);
  const date = new Date().toISOString().slice(0, 10);
  report = `# Backfill: a new subscriber catching up, ${date}

\`./shop bench backfill\` on this machine (${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; the shop's seven apps stopped
while the subscriber catches up, Kafka and PostgreSQL idle otherwise; load average at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' / ')}).

The log (\`${ORDER_TOPIC}\`, kept for ever): ${logEvents} distinct events, of which ${orders} orders placed and
${subscribed(counts)} of the subscriber's types (${TYPES.join(', ')})${placedHere > 0 ? `; ${placedHere} orders were placed for this run, in ${placedSeconds.toFixed(0)} s (untraced, 16 at a time)` : ''}.

| | |
| --- | --- |
| subscriber | \`./shop new subscriber ${name} --events ${TYPES.join(',')}\` (generated, unchanged) |
| log entries read to catch up (its group's offsets) | ${read} |
| events of its types handled (rows in its table) | ${handled} |
| from the process's start to caught up | ${catchUpSeconds.toFixed(1)} s |
| **catch-up rate** | **${(read / catchUpSeconds).toFixed(0)} log entries/s, ${(handled / catchUpSeconds).toFixed(0)} handled events/s** |
| from \`./shop new subscriber\` to caught up (generate, build, migrate, start, catch up) | ${commandSeconds.toFixed(1)} s |

Events a fetch brings together are handled up to 20 in one transaction (the runtime's
\`maxEventsPerTransaction\`: one BEGIN, inbox statement and COMMIT for them all, and the subscriber's INSERT
for each of them inside it); events of other types are skipped without a transaction.

## What keeping the history costs

The segment files of the five event topics hold ${size(bytes.all)} for ${orders} orders:
**${(perOrder / 1024).toFixed(1)} KB per order, so about ${gb(perOrder * 1e6)} GB per million orders** (one replica, uncompressed;
the order topic alone ${(bytes.order / Math.max(orders, 1) / 1024).toFixed(1)} KB per order). Each order's events carry their
CloudEvents headers and trace context; compression (\`compression.type\`) and tiered storage are the levers
(docs/adr/0001-event-log-kept-for-ever.md).
`;
} finally {
  await copy.shop('remove', 'subscriber', name).catch((error: Error) => process.stderr.write(`[bench] remove failed: ${error.message}\n`));
  copy.dispose();
}

const file = reportFile('backfill', new Date(), path.join(repoRoot, 'bench/reports'));
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nreport: ${path.relative(repoRoot, file)}\n`);
