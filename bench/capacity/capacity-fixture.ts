// A capacity run's figures for the specs of the targets and the report.
import { LoadStats } from '../load/load-stats.ts';
import type { MeasuredRun, RatioRun, Underneath } from './capacity-run.ts';
import { BENCH, OTHER_BACKENDS } from './components.ts';

const APPS = ['email', 'history', 'inventory', 'order', 'shipping', 'slack-notifier', 'gateway'];

export function measuredRun({ cpuMs = 300, decided = 100, rssMb = 100, confirmedMs = 150 } = {}): MeasuredRun {
  const stats = new LoadStats();
  for (let i = 0; i < decided; i++) {
    stats.answered(202, 20);
    stats.decided('confirmed', confirmedMs, confirmedMs + 20);
  }
  const figures = stats.figures();
  return {
    rate: 25,
    durationS: 30,
    decidedInWindow: decided,
    figures,
    placedToConfirmed: figures.placedToDecided,
    undecided: 0,
    cpu: [
      ...APPS.map((component) => ({ component, cpuMs, kept: 1, exited: 0, appeared: 0 })),
      { component: 'kafka', cpuMs, kept: 1, exited: 0, appeared: 0 },
      { component: 'postgres', cpuMs, kept: 20, exited: 1, appeared: 2 },
      { component: OTHER_BACKENDS, cpuMs: 5_000, kept: 1, exited: 0, appeared: 0 },
      { component: BENCH, cpuMs: 5_000, kept: 1, exited: 0, appeared: 0 },
    ],
    speed: { slices: 60, sliceMs: 18.7, slowdown: 1.1 },
    peakRssKb: Object.fromEntries(APPS.map((app) => [app, rssMb * 1024])),
    kafkaMessages: 1_500,
    commits: 4_000,
    countedS: 50,
    idle: { seconds: 10, kafkaMessages: 20, commits: 300, cpu: [...APPS, 'kafka', 'postgres'].map((component) => ({ component, cpuMs: 50, kept: 1, exited: 0, appeared: 0 })) },
    decidedOrders: decided,
    backends: { start: { apps: 20, others: 1 }, end: { apps: 22, others: 0 } },
    groupMembers: { email: 1 },
  };
}

export function ratioRun(ratio: number, options: Parameters<typeof measuredRun>[0] & { max?: number } = {}): RatioRun {
  const step = (rate: number, verdict: string | undefined) => ({ rate, figures: new LoadStats().figures(), undecided: 0, verdict });
  const max = options.max ?? 50;
  return { ratio, steps: [step(max, undefined), step(max + 25, 'errors 2.0% > 1%')], max, measured: measuredRun(options) };
}

export const UNDERNEATH: Underneath = {
  eventSizes: { messages: 750, meanValueBytes: 241, meanHeaderBytes: 387, meanKeyBytes: 36, meanRecordBytes: 664 },
  kafka: {
    topic: 'bench.capacity.x',
    partitions: 3,
    recordBytes: 664,
    producer: { records: 100_000, recordsPerSecond: 15_000, mbPerSecond: 9.5, avgLatencyMs: 200, p99LatencyMs: 300 },
    consumer: { records: 100_000, recordsPerSecond: 20_000, mbPerSecond: 12, fetchRecordsPerSecond: 50_000, fetchMbPerSecond: 31 },
  },
  pgbench: { tps: 1_600, transactions: 24_000, failed: 0, latencyAvgMs: 2.5, database: 'bench_capacity_x', clients: 4, threads: 2, seconds: 15, payloadBytes: 241, pgbench: '/usr/lib/postgresql/15/bin/pgbench' },
};
