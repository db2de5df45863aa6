// `./shop bench db-client`: what a statement and a transaction cost through
// Prisma's client (driver adapter, pg underneath) against pg alone, on the
// same PostgreSQL, the same SQL, in one run. Every service reaches its
// database through Prisma, the runtime's inbox and outbox included, so this
// per-call price times the statements an order makes is a share of the CPU an
// order costs (bench/reports/capacity-*.md). Each side has one connection, so
// the PostgreSQL backend serving it is one process whose CPU /proc gives;
// rounds alternate between the clients so a busy machine weighs on both alike.
// Each operation runs back to back, and paced: one call every BENCH_PACE_MS, as
// the shop's traffic comes (a call after a pause finds cold caches and sleeping
// processes to wake). Writes bench/reports/db-client-cost-<date>.md.
//
//   BENCH_CALLS         back-to-back calls per client per round (default 2000)
//   BENCH_PACED_CALLS   paced calls per client per round (default 300)
//   BENCH_PACE_MS       the pause before each paced call (default 25)
//   BENCH_ROUNDS        rounds (default 3; the report gives each round and the median)
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineEvent } from '@shop/event-contracts';
import { Outbox, prismaClientOptions, type SqlExecutor } from '@shop/runtime';
import pg from 'pg';
import { z } from 'zod';
import { clockTicksPerSecond, cpuTicksOf } from './capacity/proc-stat.ts';
import { machineNow, repoRoot, scratchOrderDatabase } from './native-shop.ts';
import { reportFile } from './report-file.ts';

const CALLS = Number(process.env.BENCH_CALLS ?? 2000);
const PACED_CALLS = Number(process.env.BENCH_PACED_CALLS ?? 300);
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 25);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
for (const [name, value] of Object.entries({ CALLS, PACED_CALLS, PACE_MS, ROUNDS })) {
  if (!(Number.isInteger(value) && value > 0)) throw new Error(`db-client: ${name} must be a positive integer, got ${value}`);
}
const runId = `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
const { url, drop } = await scratchOrderDatabase(`shop_order_bench_client_${runId}`);

/** A client under test: a SqlExecutor for the runtime's code, its transaction, and the backend serving it. */
interface Client {
  name: string;
  executor: SqlExecutor;
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  backendPid: number;
}

/** pg alone: the runtime's SqlExecutor over one pg connection, BEGIN and COMMIT by hand. */
async function pgClient(): Promise<Client & { end(): Promise<void> }> {
  const connection = new pg.Client({ connectionString: url });
  await connection.connect();
  const executor: SqlExecutor = {
    $executeRawUnsafe: async (query, ...values) => (await connection.query(query, values)).rowCount ?? 0,
    $queryRawUnsafe: async <T>(query: string, ...values: unknown[]) => (await connection.query(query, values)).rows as T,
  };
  const { rows } = await connection.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  return {
    name: 'pg',
    executor,
    async transaction(work) {
      await connection.query('BEGIN');
      try {
        const result = await work(executor);
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK');
        throw error;
      }
    },
    backendPid: rows[0]!.pid,
    end: () => connection.end(),
  };
}

interface PrismaLike extends SqlExecutor {
  $transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  $disconnect(): Promise<void>;
  order: { findUnique(args: { where: { id: string } }): Promise<unknown> };
}

const PRISMA_UNPREPARED = 'Prisma, unprepared';
const PRISMA_CALL_SITES = 'Prisma, call sites';

/**
 * Prisma's client as the services build it (prismaClientOptions: the pg
 * driver adapter, its statements prepared once a connection, errors without
 * a call site), here with one connection; or, 'unprepared', the adapter as it
 * comes, every statement parsed and planned on each call; or, 'call sites',
 * Prisma's default error format outside NODE_ENV=production, which captures a
 * stack trace on every query to point an error at its caller.
 */
async function prismaClient(variant: 'as built' | 'unprepared' | 'call sites'): Promise<Client & { prisma: PrismaLike }> {
  const { PrismaClient } = await import(path.join(repoRoot, 'apps/order/dist/generated/prisma/client.js'));
  // One connection kept however long the other clients' turns last (pg's pool closes one idle for 10 s).
  const pool = { max: 1, idleTimeoutMillis: 0 };
  const options = prismaClientOptions(url, pool);
  const prisma: PrismaLike = new PrismaClient({
    ...options,
    ...(variant === 'unprepared' && { adapter: new PrismaPg({ connectionString: url, ...pool }) }),
    ...(variant === 'call sites' && { errorFormat: 'colorless' }),
  });
  const rows = await prisma.$queryRawUnsafe<{ pid: number }[]>('SELECT pg_backend_pid() AS pid');
  const name = { 'as built': 'Prisma', unprepared: PRISMA_UNPREPARED, 'call sites': PRISMA_CALL_SITES }[variant];
  return { name, executor: prisma, transaction: (work) => prisma.$transaction(work), backendPid: rows[0]!.pid, prisma };
}

const tick = defineEvent({
  type: 'shop.bench.tick.v1',
  topic: 'bench.db-client',
  version: 1,
  schema: z.object({ orderId: z.string() }),
  key: (data) => data.orderId,
});
const outbox = new Outbox('/shop/bench');
const missingOrder = randomUUID();

/**
 * What the runtime does for each event a service handles (EventProcessor):
 * the inbox row (its claim's statement for one row), the handler's change
 * (here an update that finds no row, the same on both sides), the event it
 * publishes (the runtime's own Outbox), one transaction.
 */
async function consumerTransaction(client: Client): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.$queryRawUnsafe(
      `INSERT INTO inbox (consumer_group, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
      'bench',
      randomUUID(),
      tick.type,
    );
    await tx.$executeRawUnsafe(`UPDATE "Order" SET "updatedAt" = now() WHERE id = $1::uuid`, missingOrder);
    await outbox.publish(tx, tick, { orderId: missingOrder });
  });
}

const primaryKeyRead = (client: Client) => client.executor.$queryRawUnsafe(`SELECT id FROM "Order" WHERE id = $1::uuid`, missingOrder);

interface Operation {
  name: string;
  /** By client name: the clients it runs on. */
  run: Record<string, (client: Client) => Promise<unknown>>;
}
const findUnique = (client: Client) => (client as Client & { prisma: PrismaLike }).prisma.order.findUnique({ where: { id: missingOrder } });
const OPERATIONS: Operation[] = [
  {
    name: 'a primary-key read (raw SQL)',
    run: { pg: primaryKeyRead, Prisma: primaryKeyRead, [PRISMA_UNPREPARED]: primaryKeyRead, [PRISMA_CALL_SITES]: primaryKeyRead },
  },
  { name: 'a primary-key read (Prisma: `findUnique`)', run: { Prisma: findUnique, [PRISMA_UNPREPARED]: findUnique, [PRISMA_CALL_SITES]: findUnique } },
  {
    name: "a consumer's transaction: BEGIN, inbox row, update, outbox row, COMMIT",
    run: { pg: consumerTransaction, Prisma: consumerTransaction, [PRISMA_UNPREPARED]: consumerTransaction, [PRISMA_CALL_SITES]: consumerTransaction },
  },
];

interface Sample { clientUs: number; backendUs: number; wallUs: number }
type Pacing = 'back to back' | 'paced';
const PACINGS: Pacing[] = ['back to back', 'paced'];
const ticksToUs = 1_000_000 / clockTicksPerSecond();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The client's CPU (this process), the backend's (/proc) and the wall time per
 * call. Paced, the client's CPU and the wall time are taken around each call
 * only: waking from the pause is the timer's cost, not the call's.
 */
async function measure(client: Client, operation: (client: Client) => Promise<unknown>, pacing: Pacing): Promise<Sample> {
  for (let i = 0; i < Math.min(300, CALLS); i++) await operation(client); // warm-up: JIT, plan caches, pools
  const calls = pacing === 'paced' ? PACED_CALLS : CALLS;
  const backendBefore = cpuTicksOf(client.backendPid)!.self;
  let clientUs = 0;
  let wallUs = 0;
  const timedCall = async () => {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await operation(client);
    wallUs += (performance.now() - wallBefore) * 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clientUs += cpu.user + cpu.system;
  };
  if (pacing === 'paced') {
    for (let i = 0; i < calls; i++) {
      await pause(PACE_MS);
      await timedCall();
    }
  } else {
    // One reading around the whole loop: process.cpuUsage per call would cost a share of the cheapest calls.
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    for (let i = 0; i < calls; i++) await operation(client);
    wallUs = (performance.now() - wallBefore) * 1000;
    const cpu = process.cpuUsage(cpuBefore);
    clientUs = cpu.user + cpu.system;
  }
  const backendUs = (cpuTicksOf(client.backendPid)!.self - backendBefore) * ticksToUs;
  return { clientUs: clientUs / calls, backendUs: backendUs / calls, wallUs: wallUs / calls };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const before = machineNow();
const results: { operation: Operation; client: string; pacing: Pacing; samples: Sample[] }[] = [];
try {
  const pgSide = await pgClient();
  const prismaSides = [await prismaClient('as built'), await prismaClient('unprepared'), await prismaClient('call sites')];
  const clients = [pgSide, ...prismaSides];
  try {
    for (const pacing of PACINGS) {
      for (const operation of OPERATIONS) {
        for (const client of clients) {
          if (operation.run[client.name]) results.push({ operation, client: client.name, pacing, samples: [] });
        }
      }
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const result of results) {
        const client = clients.find(({ name }) => name === result.client)!;
        result.samples.push(await measure(client, result.operation.run[result.client]!, result.pacing));
      }
      console.log(`db-client: round ${round} of ${ROUNDS} done`);
    }
  } finally {
    await pgSide.end();
    for (const side of prismaSides) await side.prisma.$disconnect();
  }
} finally {
  await drop();
}

const us = (value: number) => value.toFixed(0);
const medianOf = (samples: Sample[], field: keyof Sample) => median(samples.map((sample) => sample[field]));
const resultOf = (operation: Operation, client: string, pacing: Pacing) =>
  results.find((result) => result.operation === operation && result.client === client && result.pacing === pacing);
const rows = results.map(({ operation, client, pacing, samples }) => {
  const clientUs = medianOf(samples, 'clientUs');
  const pgSameWay = resultOf(operation, 'pg', pacing) ?? resultOf(OPERATIONS[0]!, 'pg', pacing)!;
  const vsPg = clientUs / medianOf(pgSameWay.samples, 'clientUs');
  const vsBackToBack = pacing === 'paced' ? `${(clientUs / medianOf(resultOf(operation, client, 'back to back')!.samples, 'clientUs')).toFixed(2)}×` : '';
  const rounds = samples.map((sample) => us(sample.clientUs)).join(' / ');
  return `| ${operation.name} | ${client} | ${pacing} | ${us(clientUs)} (${rounds}) | ${vsPg.toFixed(2)}× | ${vsBackToBack} | ${us(medianOf(samples, 'backendUs'))} | ${us(medianOf(samples, 'wallUs'))} |`;
});
/** Prisma as built against one of its variants, per operation and pacing: the medians of one field, and their ratio. */
function againstVariant(variant: string, field: keyof Sample): string {
  return results
    .filter((result) => result.client === 'Prisma')
    .map(({ operation, pacing, samples }) => {
      const other = medianOf(resultOf(operation, variant, pacing)!.samples, field);
      const built = medianOf(samples, field);
      return `- ${operation.name}, ${pacing}: ${us(built)} µs against ${us(other)} (${(built / other).toFixed(2)}×)`;
    })
    .join('\n');
}
const after = machineNow();
const report = `# Database client cost — ${new Date().toISOString()}

\`./shop bench db-client\` (bench/db-client-cost.ts): the same operations through pg alone, through Prisma's client as the services build it (\`prismaClientOptions\`: the pg driver adapter, each statement prepared once a connection, errors without a call site), through that adapter as it comes ("Prisma, unprepared": every statement parsed and planned on each call, as pg alone does) and with Prisma's default error format outside production ("Prisma, call sites": a stack trace captured on every query, to point an error at its caller), each on one connection to a scratch copy of the order service's database, after a warm-up: ${CALLS} calls back to back, then ${PACED_CALLS} paced (a ${PACE_MS} ms pause before each, as the shop's traffic comes at a few orders a second), per client per round, ${ROUNDS} rounds alternating between the clients. The consumer's transaction writes the inbox row as the runtime's claim does (one row), updates an order that is not there, and publishes with the runtime's own \`Outbox.publish\`, over each client. No tracing is started: these are the clients' own costs.

Machine: ${os.cpus().length} cores, Node ${process.version}. Load averages before: ${before.load}; after: ${after.load}.

| operation | client | calls | client CPU µs per call, median (each round) | vs pg | vs back to back | PostgreSQL backend CPU µs | wall µs |
| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

"vs pg": the client's CPU over pg's for the same operation called the same way (for \`findUnique\`, over pg's raw read). "vs back to back": a paced call's client CPU over the same call's back to back: what a pause costs the next call (caches gone cold, the processes asleep). The backend's CPU comes from /proc, in clock ticks (${clockTicksPerSecond()} a second), so it is coarse for the cheapest calls. All four send the same SQL; pg and "Prisma, unprepared" have PostgreSQL parse and plan it on every call, so their backends' CPU should match.

PostgreSQL's CPU with the statements prepared, against unprepared (backend CPU, medians):

${againstVariant(PRISMA_UNPREPARED, 'backendUs')}

The client's CPU without call sites, against with them (client CPU, medians):

${againstVariant(PRISMA_CALL_SITES, 'clientUs')}
`;
fs.mkdirSync(path.join(repoRoot, 'bench/reports'), { recursive: true });
const file = reportFile('db-client-cost', new Date(), path.join(repoRoot, 'bench/reports'));
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nwritten: ${path.relative(repoRoot, file)}\n`);
