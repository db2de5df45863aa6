// What the gateway's catalog cache buys: GET /products against two gateways of
// the same build started side by side, one with the cache (GATEWAY_CATALOG_CACHE=on,
// the default) and one without (off: every read is a request-reply call over
// Kafka to the inventory), both asking the same inventory process. Rounds
// alternate (cached, uncached, cached, uncached, ...) so drift on the machine
// falls on both; each round is a warm-up then a measured autocannon run. A third
// measure revalidates with If-None-Match on the cached gateway (304s, no body).
// Run by `./shop bench catalog` with the infrastructure up; writes
// bench/reports/catalog-<date>.md.
//
// The load comes from autocannon (maintained in the Node.js performance
// community, what Fastify's benchmarks use): kept-alive connections with one
// request in flight each, its own lean HTTP client, and HdrHistogram
// percentiles, so p99 is measured rather than estimated; a fetch() loop would
// measure undici's overhead on these 2 cores as much as the gateway.
//
//   BENCH_DURATION_S     seconds measured per round (default 10)
//   BENCH_CONNECTIONS    concurrent connections, one request in flight each (default 10)
//   BENCH_ROUNDS         rounds of each mode (default 2)
//   BENCH_NOTE           what else the machine was doing, in words, for the report
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { signedIn } from '../e2e/support/demo-sign-in.ts';
import { machineNow, nativeLaunch, repoRoot, UNLIMITED, waitFor } from './native-shop.ts';
import { reportFile } from './report-file.ts';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const WARMUP_S = 2;
// Fixed ports of its own, apart from ./shop up (3000-3006) and the tests.
const PORTS = { cached: 3560, uncached: 3561, inventory: 3562 } as const;

interface App {
  name: string;
  url: string;
  child: ChildProcess;
}

/** An app as ./shop up starts it (its native environment and Node flags), with `extraEnv` on top. */
function startApp(service: string, name: string, port: number, extraEnv: Record<string, string>): App {
  const { args, env } = nativeLaunch(service);
  fs.mkdirSync(path.join(repoRoot, '.local/logs'), { recursive: true });
  const log = fs.openSync(path.join(repoRoot, '.local/logs', `bench-catalog-${name}.log`), 'w');
  // Under a name of its own (beside a running shop, whose groups it must not join), no ACL names its
  // consumer groups, so it logs in to Kafka as the bench does: the admin, a super user.
  const benchLogin = { KAFKA_SASL_USERNAME: process.env.KAFKA_SASL_USERNAME ?? '', KAFKA_SASL_PASSWORD: process.env.KAFKA_SASL_PASSWORD ?? '' };
  const child = spawn(process.execPath, args, {
    // Tracing sampled as the README advises for load tests; both gateways alike.
    env: { ...process.env, ...env, ...benchLogin, SHOP_TRACE_SAMPLE_RATIO: '0.01', ...UNLIMITED, ...extraEnv, SERVICE_NAME: `${service}-bench-${name}`, PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  return { name, url: `http://127.0.0.1:${port}`, child };
}

async function healthy(app: App): Promise<void> {
  await waitFor(`${app.name} to be healthy (log: .local/logs/bench-catalog-${app.name}.log)`, async () => {
    if (app.child.exitCode !== null) throw Object.assign(new Error(`${app.name} exited`), { fatal: true });
    return (await fetch(`${app.url}/health`)).ok ? true : undefined;
  });
}

function stop(app: App): Promise<void> {
  return new Promise((resolve) => {
    if (app.child.exitCode !== null) return resolve();
    app.child.once('exit', () => resolve());
    app.child.kill('SIGTERM');
  });
}

type Mode = 'cached' | 'uncached' | 'revalidated';

interface Round {
  mode: Mode;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
}

/** Signed in as one customer (the demo sign-in) for the whole run; see UNLIMITED for the budget. */
let customer: Record<string, string> = {};

function load(url: string, durationS: number, headers: Record<string, string>): Promise<autocannon.Result> {
  return autocannon({ url, connections: CONNECTIONS, pipelining: 1, duration: durationS, headers: { ...customer, ...headers } });
}

async function round(mode: Mode, gateway: App, etag: string): Promise<Round> {
  const url = `${gateway.url}/products`;
  const headers: Record<string, string> = mode === 'revalidated' ? { 'if-none-match': etag } : {};
  await load(url, WARMUP_S, headers);
  const result = await load(url, DURATION_S, headers);
  const statuses = Object.fromEntries(
    Object.entries({ '1xx': result['1xx'], '2xx': result['2xx'], '3xx': result['3xx'], '4xx': result['4xx'], '5xx': result['5xx'] }).filter(([, count]) => count > 0),
  );
  return {
    mode,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

const before = machineNow();
const inventory = startApp('inventory', 'inventory', PORTS.inventory, {});
const cached = startApp('gateway', 'cached', PORTS.cached, { GATEWAY_CATALOG_CACHE: 'on' });
const uncached = startApp('gateway', 'uncached', PORTS.uncached, { GATEWAY_CATALOG_CACHE: 'off' });
const apps = [inventory, cached, uncached];
const rounds: Round[] = [];
let catalog: { products: number; bytes: number };
let etag: string;
let catalogMoved: boolean | undefined;
try {
  for (const app of apps) await healthy(app);
  customer = await signedIn(cached.url, 'bench-catalog');
  // The setting did what it says: one gateway answers from its cache, the other asks every time.
  const first = await fetch(`${cached.url}/products`, { headers: customer });
  const body = await first.text();
  etag = first.headers.get('etag')!;
  catalog = { products: (JSON.parse(body) as { products: unknown[] }).products.length, bytes: Buffer.byteLength(body) };
  const second = await fetch(`${cached.url}/products`, { headers: customer });
  const direct = await fetch(`${uncached.url}/products`, { headers: customer });
  await Promise.all([second.text(), direct.text()]);
  if (second.headers.get('x-cache') !== 'hit' || direct.headers.get('x-cache') !== 'bypass' || direct.headers.get('etag') !== etag) {
    throw new Error(`unexpected X-Cache (cached: ${second.headers.get('x-cache')}, uncached: ${direct.headers.get('x-cache')}) or ETags differ`);
  }
  for (let i = 0; i < ROUNDS; i++) {
    for (const [mode, gateway] of [['cached', cached], ['uncached', uncached], ['revalidated', cached]] as const) {
      const result = await round(mode, gateway, etag);
      rounds.push(result);
      process.stdout.write(
        `${mode} round ${i + 1}: ${result.requestsPerSecond.toFixed(0)} req/s, p99 ${result.p99} ms, ${JSON.stringify(result.statuses)}, ${result.errors} errors\n`,
      );
    }
  }
  // A revalidation is a 304 only while the catalog stays as it was: an inventory still working off
  // a backlog of orders moves the stock and the ETag with it, and the report has to say so.
  const last = await fetch(`${cached.url}/products`, { headers: customer });
  await last.text();
  catalogMoved = last.headers.get('etag') !== etag;
} finally {
  await Promise.all(apps.map(stop));
}
const after = machineNow();

const summary = (mode: Mode) => {
  const mine = rounds.filter((r) => r.mode === mode);
  const requests = mine.reduce((sum, r) => sum + r.requests, 0);
  const statuses: Record<string, number> = {};
  for (const r of mine) for (const [status, count] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + count;
  return {
    // Rounds are of equal length: the mean of their rates is the overall rate.
    requestsPerSecond: mine.reduce((sum, r) => sum + r.requestsPerSecond, 0) / mine.length,
    p50: Math.max(...mine.map((r) => r.p50)),
    p99: Math.max(...mine.map((r) => r.p99)),
    requests,
    statuses: Object.entries(statuses).map(([status, count]) => `${count} ${status}`).join(', '),
    errors: mine.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
  };
};
const modes = { uncached: summary('uncached'), cached: summary('cached'), revalidated: summary('revalidated') };
const ratio = (a: number, b: number) => {
  const r = a / b;
  return r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toPrecision(2);
};

const pairs = Array.from({ length: ROUNDS }, (_, i) => {
  const [cachedRound, uncachedRound] = (['cached', 'uncached'] as const).map((mode) => rounds.filter((r) => r.mode === mode)[i]!);
  return `round ${i + 1}: ${ratio(cachedRound.requestsPerSecond, uncachedRound.requestsPerSecond)}× the requests/s, p99 ${cachedRound.p99} against ${uncachedRound.p99} ms`;
});

const date = new Date().toISOString();
const report = `# What the catalog cache buys — ${date}

\`GET /products\` against two gateways of the same build, side by side: one with the
catalog cache (\`GATEWAY_CATALOG_CACHE=on\`, the default: answered from its copy,
invalidated by the inventory's events) and one without (\`off\`: every read is a
request-reply call over Kafka to the inventory, which reads its database). Both ask
the same inventory process; the catalog held ${catalog!.products} products, ${catalog!.bytes} bytes of JSON.
${ROUNDS} rounds per mode, alternating (${rounds.map((r) => r.mode).join(', ')}); each round
${WARMUP_S} s of warm-up, then ${DURATION_S} s measured by autocannon with ${CONNECTIONS} connections, one
request in flight each. *Revalidated*: the cached gateway asked with \`If-None-Match\`
(the current ETag), answered 304 without a body${catalogMoved ? ' while the catalog is unchanged. **The catalog changed during this run** (its ETag at the end was not the one sent): the inventory was still handling orders, so revalidations were answered 200 and the revalidated column is not a measure of 304s' : ''}. Tracing sampled at 1% on both
(SHOP_TRACE_SAMPLE_RATIO=0.01, as for load tests), logs at info.

| measure | uncached | cached | cached / uncached | revalidated (304) |
| --- | ---: | ---: | ---: | ---: |
| requests/s | ${modes.uncached.requestsPerSecond.toFixed(0)} | ${modes.cached.requestsPerSecond.toFixed(0)} | ${ratio(modes.cached.requestsPerSecond, modes.uncached.requestsPerSecond)}× | ${modes.revalidated.requestsPerSecond.toFixed(0)} |
| latency p50 (worst round) | ${modes.uncached.p50} ms | ${modes.cached.p50} ms | ${ratio(modes.cached.p50, modes.uncached.p50)}× | ${modes.revalidated.p50} ms |
| latency p99 (worst round) | ${modes.uncached.p99} ms | ${modes.cached.p99} ms | ${ratio(modes.cached.p99, modes.uncached.p99)}× | ${modes.revalidated.p99} ms |
| responses | ${modes.uncached.statuses} | ${modes.cached.statuses} | | ${modes.revalidated.statuses} |
| errors and timeouts | ${modes.uncached.errors} | ${modes.cached.errors} | | ${modes.revalidated.errors} |

Rounds: ${rounds.map((r) => `${r.mode} ${r.requestsPerSecond.toFixed(0)}/s p99 ${r.p99} ms`).join('; ')}.
Cached against uncached, round by round (each pair measured back to back, so under about the same
load from the rest of the machine): ${pairs.join('; ')}.

The machine: ${process.platform}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}.
Everything ran on it at once: the load generator (autocannon, in this process), both
gateways, the inventory, Kafka, PostgreSQL and Jaeger. The figures are ratios within
this run, not capacities. What else it was doing: ${process.env.BENCH_NOTE ?? 'not stated (BENCH_NOTE)'}.
Load averages (1, 5, 15 min) before: ${before.load}; after: ${after.load}. Busiest processes before the run (%CPU, RSS kB, command):

\`\`\`
${before.busiest}
\`\`\`
`;
const file = reportFile('catalog', new Date(date), path.join(repoRoot, 'bench/reports'));
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, report);
process.stdout.write(`${report}\nreport written to ${path.relative(repoRoot, file)}\n`);
