// `./shop bench soak [--minutes N]`: the shop under steady load for a long
// time, to show that nothing in it grows without bound. The seven apps are
// started as ./shop up starts them (bench/native-shop.ts) on the running
// infrastructure, with the outbox retention and the inbox window shortened so
// that the tables reach their level within the run; orders are placed by the
// load generator's open loop (bench/load/) at about half the shop's capacity.
// Every 30 s: the RSS of every process, every outbox and inbox's rows, each
// consumer group's lag and placed→decided latency. Writes
// bench/reports/soak-<date>.md with SVG charts beside it, the verdict first.
//
//   --minutes N / BENCH_SOAK_MINUTES   how long the load runs (default 60)
//   BENCH_SOAK_RATE                    orders a second (default 4; capacity is ~8 on 2 cores)
//   BENCH_SOAK_SAMPLE_S                seconds between samples (default 30)
//   BENCH_SOAK_RETENTION_S             outbox retention and inbox window of the run (default 300)
//   BENCH_SOAK_WARMUP_MIN              growth is judged after this minute (default 10, at most half the run)
//   BENCH_PORT_BASE                    first port of the apps (default 3950 + SHOP_PORT_OFFSET)
//   SHOP_LOCAL_DIR                     the running infrastructure's state folder (bench/shop-processes.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '@shop/runtime';
import { Latencies } from './load/latency.ts';
import { loadRun } from './load/load-run.ts';
import { benchmarkMix, setUpLoad } from './load/load-setup.ts';
import { shopConsumerGroups } from './load/order-topic-lag.ts';
import type { LimitsSeen } from './load/summary-table.ts';
import { gatewayOf, machineNow, native, repoRoot, startApps, stopApps, waitHealthy } from './native-shop.ts';
import type { Series } from './soak/series.ts';
import { formatSoakReport } from './soak/soak-report.ts';
import { type Sample, takeSample } from './soak/soak-sample.ts';
import { judgeSoak } from './soak/soak-verdict.ts';
import { readStorage } from './soak/storage.ts';
import { lineChart } from './soak/svg-plot.ts';
import { infrastructure, localDir, pidFile, postgresDataDir } from './shop-processes.ts';
import { shopServices } from '../tools/services/services.mjs';

const { values: args } = parseArgs({ options: { minutes: { type: 'string' } } });
const MINUTES = Number(args.minutes ?? process.env.BENCH_SOAK_MINUTES ?? 60);
const RATE = Number(process.env.BENCH_SOAK_RATE ?? 4);
const SAMPLE_S = Number(process.env.BENCH_SOAK_SAMPLE_S ?? 30);
const RETENTION_S = Number(process.env.BENCH_SOAK_RETENTION_S ?? 300);
const PRUNE_INTERVAL_S = 30;
const WARMUP_MIN = Math.min(Number(process.env.BENCH_SOAK_WARMUP_MIN ?? 10), MINUTES / 2);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3950 + Number(process.env.SHOP_PORT_OFFSET ?? 0));
for (const [name, value] of Object.entries({ MINUTES, RATE, SAMPLE_S, RETENTION_S, PORT_BASE })) {
  if (!(value > 0)) throw new Error(`soak: ${name} must be a positive number, got ${value}`);
}
const LOG_NAME = 'bench-soak';

const [pgHost, pgPort, pgUser, pgPassword, brokers] = native('echo "$POSTGRES_HOST"; echo "$POSTGRES_PORT"; echo "$POSTGRES_ADMIN_USER"; echo "$POSTGRES_ADMIN_PASSWORD"; echo "$KAFKA_BROKERS"')
  .trim()
  .split('\n');
const databaseUrl = (database: string) =>
  `postgresql://${encodeURIComponent(pgUser!)}:${encodeURIComponent(pgPassword!)}@${pgHost}:${pgPort}/${database}`;
const databases = Object.fromEntries(
  shopServices()
    .filter((service) => service.database)
    .map((service) => [service.name, databaseUrl(`shop_${service.name.replaceAll('-', '_')}`)]),
);

// The infrastructure must be up (./shop bench starts it; it is not this benchmark's to restart).
const infraPids = () => ({
  ...Object.fromEntries(infrastructure(() => []).map(({ component, pid }) => [component, pid])),
  postgres: pidFile(path.join(postgresDataDir(), 'postmaster.pid')),
});
const pidsAtStart = infraPids();
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'bench-soak', brokers: brokers!.split(','), logLevel: logLevel.NOTHING, retry: { retries: 3 } });
const admin = kafka.admin();
await admin.connect();
const before = machineNow();
const storageBefore = await readStorage(databases);
console.log(
  `soak: ${MINUTES} min at ${RATE} orders/s, a sample every ${SAMPLE_S} s, retention and window ${RETENTION_S} s, apps on ${PORT_BASE}+, infrastructure from ${localDir()}`,
);

const apps = startApps(PORT_BASE, LOG_NAME, {
  SHOP_OUTBOX_RETENTION_S: String(RETENTION_S),
  SHOP_INBOX_WINDOW_S: String(RETENTION_S),
  SHOP_PRUNE_INTERVAL_S: String(PRUNE_INTERVAL_S),
});
// An app that exits during the soak is a failure (nothing restarts it here, unlike ./shop up's supervisor).
const restarts: Record<string, number> = Object.fromEntries(apps.map((app) => [app.service, 0]));
let stopping = false;
for (const app of apps) app.child.on('exit', () => void (stopping || (restarts[app.service]! += 1)));

const samples: Sample[] = [];
const latencies = new Latencies();
let figures;
try {
  await waitHealthy(apps, LOG_NAME);
  const setup = await setUpLoad({
    gateway: gatewayOf(apps),
    kafkaBrokers: brokers!.split(','),
    ...benchmarkMix('soak'),
    onDecided: (order) => latencies.record(order.placedToDecidedMs),
  });
  try {
    const started = performance.now();
    const minute = () => (performance.now() - started) / 60_000;
    const sources = { apps, admin, groups: shopConsumerGroups(), databases, latencies };
    const sample = async () => {
      const taken = await takeSample(Number(minute().toFixed(2)), sources);
      samples.push(taken);
      const { values } = taken;
      const sum = (prefix: string) => Object.entries(values).filter(([name]) => name.startsWith(prefix)).reduce((total, [, value]) => total + value, 0);
      console.log(
        `[soak] minute ${taken.minute.toFixed(1)}: outbox ${sum('outbox ')} inbox ${sum('inbox ')} rows, lag ${sum('lag ')}, p99 ${values['latency p99'] ?? '-'} ms, jaeger ${values['rss jaeger']} MB, kafka ${values['rss kafka']} MB`,
      );
    };
    await sample();
    let sampling = Promise.resolve();
    const timer = setInterval(() => (sampling = sampling.then(sample).catch((error) => console.error(`[soak] sample failed: ${error}`))), SAMPLE_S * 1000);
    const limits: LimitsSeen = {};
    await loadRun({ rate: RATE, durationS: MINUTES * 60, maxInFlight: 2_000, settleMs: 15_000 }, { ...setup, stats: setup.stats.current, limits });
    clearInterval(timer);
    await sampling;
    await sample();
    figures = setup.stats.current.figures();
  } finally {
    await setup.stop();
  }
} finally {
  stopping = true;
  await stopApps(apps);
}

const pidsAtEnd = infraPids();
for (const [component, pid] of Object.entries(pidsAtStart)) restarts[component] = pidsAtEnd[component] === pid ? 0 : 1;
const storageAfter = await readStorage(databases);
await admin.disconnect();
const after = machineNow();

const series: Series = new Map();
for (const { minute, values } of samples) {
  for (const [name, value] of Object.entries(values)) series.set(name, [...(series.get(name) ?? []), { minute, value }]);
}
const checks = judgeSoak(series, WARMUP_MIN, restarts);
const date = new Date().toISOString();
const stamp = date.slice(0, 16).replace(':', '');
const name = `soak-${stamp}${MINUTES < 60 ? '-trial' : ''}`;
const reports = path.join(repoRoot, 'bench/reports');
const chart = (file: string, title: string, unit: string, prefix: string) => {
  const chosen = [...series].filter(([key]) => key.startsWith(prefix)).map(([key, points]) => ({ name: key.slice(prefix.length), points }));
  fs.writeFileSync(path.join(reports, `${name}-${file}.svg`), lineChart({ title, unit, series: chosen, markerMinute: WARMUP_MIN }));
  return { title, file: `${name}-${file}.svg` };
};
const charts = [
  chart('rss', 'RSS per process', 'MB', 'rss '),
  chart('outbox', 'Outbox rows per service', 'rows', 'outbox '),
  chart('inbox', 'Inbox rows per service', 'rows', 'inbox '),
  chart('latency', 'placed→decided per sample interval', 'ms', 'latency '),
  chart('lag', 'Consumer lag per group', 'msgs', 'lag '),
];
const jaeger = series.get('rss jaeger') ?? [];
const report = formatSoakReport({
  date,
  trial: MINUTES < 60,
  settings: { minutes: MINUTES, rate: RATE, sampleS: SAMPLE_S, warmUpMinutes: WARMUP_MIN, retentionS: RETENTION_S, pruneIntervalS: PRUNE_INTERVAL_S },
  machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}`,
  elsewhere: { loadBefore: before.load, loadAfter: after.load },
  series,
  checks,
  load: figures!,
  storage: { before: storageBefore, after: storageAfter },
  jaegerGrowthMb: (jaeger.at(-1)?.value ?? 0) - (jaeger[0]?.value ?? 0),
  charts,
});
const file = path.join(reports, `${name}.md`);
fs.writeFileSync(file, report);
console.log(`\n${report.split('\n')[2]}\nreport: ${path.relative(repoRoot, file)}`);
