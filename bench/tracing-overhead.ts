// What tracing costs: the whole shop run twice over, traced (every trace kept,
// Prisma's spans included, exported to Jaeger) and untraced (OTEL_SDK_DISABLED),
// alternating A B A B so drift on the machine falls on both. Each round starts
// the seven apps as ./shop up does, places orders through the gateway and
// follows each to its end. Run by `./shop bench tracing` with the infrastructure
// up; writes bench/reports/tracing-overhead-<date>.md.
//
//   BENCH_ORDERS       orders per round (default 60)
//   BENCH_CONCURRENCY  orders in flight at once (default 6)
//   BENCH_ROUNDS       rounds of each mode (default 2)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FollowedOrder, gatewayOf, placeAndFollow, repoRoot, startApps, stopApps, waitHealthy } from './native-shop.ts';
import { reportFile } from './report-file.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 60);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const PORT_BASE = 3300;

const MODES = {
  traced: { SHOP_TRACE_SAMPLE_RATIO: '1' },
  untraced: { OTEL_SDK_DISABLED: 'true' },
} as const;
type Mode = keyof typeof MODES;

interface Round {
  mode: Mode;
  orders: FollowedOrder[];
  seconds: number;
}

async function round(mode: Mode, index: number): Promise<Round> {
  const logName = `bench-tracing-${mode}`;
  const apps = startApps(PORT_BASE, logName, MODES[mode]);
  try {
    await waitHealthy(apps, logName);
    const gateway = gatewayOf(apps);
    // A few orders first, so both modes are measured warm (JIT, connections, consumer groups joined).
    await placeAndFollow(gateway, CONCURRENCY, CONCURRENCY, `bench-tracing-warmup-${index}`);
    const started = performance.now();
    const orders = await placeAndFollow(gateway, ORDERS, CONCURRENCY, `bench-tracing-${mode}-${index}`);
    return { mode, orders, seconds: (performance.now() - started) / 1000 };
  } finally {
    await stopApps(apps);
  }
}

const rounds: Round[] = [];
for (let i = 0; i < ROUNDS; i++) {
  for (const mode of Object.keys(MODES) as Mode[]) {
    const result = await round(mode, i);
    rounds.push(result);
    process.stdout.write(`${mode} round ${i + 1}: ${result.orders.length} orders in ${result.seconds.toFixed(1)} s\n`);
  }
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const summary = (mode: Mode) => {
  const mine = rounds.filter((r) => r.mode === mode);
  const orders = mine.flatMap((r) => r.orders);
  // Shipping waits SHIPPING_DISPATCH_DELAY_MS before dispatch, so only shipped orders are compared for the whole saga.
  const shipped = orders.filter((o) => o.status === 'SHIPPED').map((o) => o.settledMs);
  const seconds = mine.reduce((sum, r) => sum + r.seconds, 0);
  return {
    acceptedP50: percentile(orders.map((o) => o.acceptedMs), 50),
    acceptedP95: percentile(orders.map((o) => o.acceptedMs), 95),
    decidedP50: percentile(orders.map((o) => o.decidedMs), 50),
    decidedP95: percentile(orders.map((o) => o.decidedMs), 95),
    shippedP50: percentile(shipped, 50),
    shippedP95: percentile(shipped, 95),
    perSecond: orders.length / seconds,
    outcomes: Object.entries(Object.groupBy(orders, (o) => o.status)).map(([status, list]) => `${list!.length} ${status}`).join(', '),
  };
};
const traced = summary('traced');
const untraced = summary('untraced');
type Measure = Exclude<keyof typeof traced, 'outcomes'>;
const row = (what: string, key: Measure, unit: string, digits = 0) =>
  `| ${what} | ${untraced[key].toFixed(digits)} ${unit} | ${traced[key].toFixed(digits)} ${unit} | ${(traced[key] / untraced[key]).toFixed(2)} |`;

const date = new Date().toISOString();
const report = `# What tracing costs — ${date}

The seven apps as \`./shop up\` runs them, ${ROUNDS} rounds per mode alternating
(${rounds.map((r) => r.mode).join(', ')}); each round: the apps started, ${CONCURRENCY} warm-up orders,
then ${ORDERS} orders, ${CONCURRENCY} in flight at once, each polled every 100 ms until SHIPPED, REJECTED or
CANCELLED. *Traced*: every trace kept (SHOP_TRACE_SAMPLE_RATIO=1), Prisma's spans included,
exported to Jaeger. *Untraced*: OTEL_SDK_DISABLED=true. This machine: ${process.platform},
${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; Kafka, PostgreSQL,
Jaeger and the notifiers' peers on the same cores.

| measure | untraced | traced | traced / untraced |
| --- | ---: | ---: | ---: |
${row('POST /orders answered, p50', 'acceptedP50', 'ms')}
${row('POST /orders answered, p95', 'acceptedP95', 'ms')}
${row('placed → CONFIRMED or REJECTED, p50', 'decidedP50', 'ms')}
${row('placed → CONFIRMED or REJECTED, p95', 'decidedP95', 'ms')}
${row('placed → SHIPPED (includes the 2 s dispatch delay), p50', 'shippedP50', 'ms')}
${row('placed → SHIPPED (includes the 2 s dispatch delay), p95', 'shippedP95', 'ms')}
${row('orders settled per second', 'perSecond', '/s', 1)}

Outcomes: untraced ${untraced.outcomes}; traced ${traced.outcomes}.
Rounds: ${rounds.map((r) => `${r.mode} ${r.seconds.toFixed(1)} s`).join('; ')}. Status is polled every 100 ms.
`;
const file = reportFile('tracing-overhead', new Date(date), path.join(repoRoot, 'bench/reports'));
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nreport written to ${path.relative(repoRoot, file)}\n`);
