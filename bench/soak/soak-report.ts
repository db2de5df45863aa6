// The soak's report (bench/reports/soak-<date>.md): the verdict first, the
// settings (the retention it shortened, said plainly), the growth of every
// series after the warm-up, what grows by design per million orders, and the
// charts (SVG files beside the report).
import type { LoadFigures } from '../load/load-stats.ts';
import { after, growthPerHour, relativeGrowthPerHour, type Series } from './series.ts';
import type { Check } from './soak-verdict.ts';
import { verdictLine } from './soak-verdict.ts';
import type { Storage } from './storage.ts';

export interface SoakReport {
  date: string;
  /** A run shorter than the hour the issue asks for is a trial, and says so. */
  trial: boolean;
  settings: { minutes: number; rate: number; sampleS: number; warmUpMinutes: number; retentionS: number; pruneIntervalS: number };
  machine: string;
  elsewhere: { loadBefore: string; loadAfter: string };
  series: Series;
  checks: Check[];
  load: LoadFigures;
  storage: { before: Storage; after: Storage };
  /** RSS growth of Jaeger over the whole run, MB, to divide by the orders. */
  jaegerGrowthMb: number;
  /** The chart files, relative to the report. */
  charts: { title: string; file: string }[];
}

const UNITS: [prefix: string, unit: string][] = [
  ['rss ', 'MB'],
  ['outbox ', 'rows'],
  ['inbox ', 'rows'],
  ['lag ', 'messages'],
  ['latency ', 'ms'],
];
const unitOf = (name: string) => UNITS.find(([prefix]) => name.startsWith(prefix))?.[1] ?? '';
const fixed = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const perMillion = (bytes: number, orders: number) => (orders > 0 ? `${fixed((bytes / orders) * 1e6 / 1e9, 2)} GB` : 'n/a');

export function formatSoakReport(report: SoakReport): string {
  const { settings, series, storage } = report;
  const orders = storage.after.orders - storage.before.orders;
  const growthRows = [...series].map(([name, points]) => {
    const steady = after(points, settings.warmUpMinutes);
    const first = steady[0]?.value ?? 0;
    const last = steady.at(-1)?.value ?? 0;
    const unit = unitOf(name);
    return `| ${name} | ${fixed(first)} ${unit} | ${fixed(last)} ${unit} | ${fixed(growthPerHour(steady))} ${unit}/h | ${fixed(relativeGrowthPerHour(steady) * 100)}% |`;
  });
  const services = Object.keys(storage.after.ownTables);
  const storageRows = services.map((service) => {
    const grown = storage.after.ownTables[service]! - storage.before.ownTables[service]!;
    return `| ${service} | ${orders > 0 ? fixed(grown / orders, 0) : 'n/a'} | ${perMillion(grown, orders)} | ${fixed(storage.after.messagingTables[service]! / 1e6)} MB |`;
  });
  const kafkaGrown = storage.after.eventTopicBytes - storage.before.eventTopicBytes;
  const jaegerPerOrder = orders > 0 ? (report.jaegerGrowthMb * 1024 * 1024) / orders : 0;
  return [
    `# Soak${report.trial ? ' (short trial, not the one-hour result)' : ''}: ${report.date}`,
    '',
    verdictLine(report.checks),
    '',
    `${settings.minutes} minutes at ${settings.rate} orders/s (open loop), sampled every ${settings.sampleS} s; growth judged after minute ${settings.warmUpMinutes}. ` +
      `**The outbox retention and the inbox window were shortened to ${settings.retentionS} s** (SHOP_OUTBOX_RETENTION_S, SHOP_INBOX_WINDOW_S; prune every ${settings.pruneIntervalS} s) ` +
      'so that the tables reach their level within the run; in production they are a day and a week, and the tables level off at that many rows instead.',
    '',
    `Machine: ${report.machine}. Load average before ${report.elsewhere.loadBefore}, after ${report.elsewhere.loadAfter}.`,
    '',
    `Orders: ${report.load.sent} sent, ${report.load.accepted} accepted (202), ${orders} recorded by the order service; ` +
      `decided ${Object.entries(report.load.decided).map(([decision, n]) => `${decision} ${n}`).join(', ')}; failures ${JSON.stringify(report.load.failures)}; ` +
      `placed→decided over the run p50 ${fixed(report.load.placedToDecided.p50, 0)} ms, p99 ${fixed(report.load.placedToDecided.p99, 0)} ms.`,
    '',
    '## Checks',
    '',
    '| check | result | detail |',
    '| --- | --- | --- |',
    ...report.checks.map((check) => `| ${check.what} | ${check.pass ? 'pass' : '**fail**'} | ${check.detail} |`),
    '',
    `## Growth after minute ${settings.warmUpMinutes}`,
    '',
    'Least-squares slope of each series over the samples after the warm-up.',
    '',
    '| series | at the warm-up\'s end | at the end | growth per hour | per hour, of its level |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...growthRows,
    '',
    '## What grows by design, per order',
    '',
    `Measured over the run's ${orders} orders: the difference before/after, divided by the orders. The runtime's outbox and inbox are bounded (their size at the end in the last column).`,
    '',
    '| database | bytes per order (own tables) | per million orders | outbox + inbox at the end |',
    '| --- | ---: | ---: | ---: |',
    ...storageRows,
    '',
    `Kafka, the event topics' log segments (one replica, uncompressed): ${orders > 0 ? fixed(kafkaGrown / orders, 0) : 'n/a'} bytes per order, ${perMillion(kafkaGrown, orders)} per million orders (kept for ever, ADR 1).`,
    '',
    `Jaeger (in-memory storage, every trace kept): RSS grew ${fixed(report.jaegerGrowthMb)} MB over the run, ${fixed(jaegerPerOrder / 1024)} KiB per order (one trace each).`,
    '',
    '## Charts',
    '',
    ...report.charts.map((chart) => `![${chart.title}](${chart.file})`),
    '',
  ].join('\n');
}
