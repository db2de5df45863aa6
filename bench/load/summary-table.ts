// The table printed at the end of a run: counts, latencies, errors, the rate
// achieved, and the limits the gateway was enforcing.
import type { LatencyFigures } from './latency.ts';
import { decidedCount, formatFailures, type LoadFigures } from './load-stats.ts';
import { ms } from './progress-line.ts';

/** The gateway's RateLimit-Limit as read from its answers (per caller and window), when it sent one. */
export interface LimitsSeen {
  writes?: string;
  reads?: string;
}

export interface RunSummary {
  rateAsked: number;
  durationS: number;
  customers: number;
  figures: LoadFigures;
  /** Orders accepted whose decision had not been read when the run ended. */
  undecided: number;
  limits: LimitsSeen;
}

/** A markdown table of latencies, one row per measure: count, p50, p90, p99, max, each written by `format`. */
export function latencyTable(rows: [name: string, figures: LatencyFigures][], format: (value: number) => string = ms): string[] {
  return [
    '| latency (ms) | count | p50 | p90 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(([name, f]) => `| ${name} | ${f.count} | ${format(f.p50)} | ${format(f.p90)} | ${format(f.p99)} | ${format(f.max)} |`),
  ];
}

export function formatSummary({ rateAsked, durationS, customers, figures, undecided, limits }: RunSummary): string {
  const { decided } = figures;
  return [
    '| what | count |',
    '| --- | --- |',
    `| rate asked | ${rateAsked}/s for ${durationS} s |`,
    `| rate achieved (sent) | ${(figures.sent / durationS).toFixed(2)}/s |`,
    `| sent | ${figures.sent} |`,
    `| accepted (202) | ${figures.accepted} |`,
    `| decided | ${decidedCount(figures)}: confirmed ${decided.confirmed}, rejected ${decided.rejected}, cancelled ${decided.cancelled} |`,
    `| accepted, not decided at the end | ${undecided} |`,
    `| errors | ${formatFailures(figures.failures)} |`,
    '',
    ...latencyTable([
      ['POST /orders (from when it was due)', figures.post],
      ['placed→decided (ce_time to ce_time)', figures.placedToDecided],
      ['due→decided (client to deciding event)', figures.dueToDecided],
    ]),
    '',
    limitsInForce(limits, customers),
  ].join('\n');
}

/** Which limits were in force, and how to lift them for a run that measures the shop rather than its limiter. */
export function limitsInForce({ writes, reads }: LimitsSeen, customers: number): string {
  if (writes === undefined && reads === undefined) return 'Limits in force: the gateway sent no RateLimit-Limit header (no per-caller limit seen).';
  return [
    `Limits in force: the gateway allows each caller ${writes ?? '?'} writes and ${reads ?? '?'} reads per window (RateLimit-Limit);`,
    `this run spread its orders over ${customers} customers. A capacity run measures the limiter, not the shop, unless the`,
    'shop is started with the limits raised: RATE_LIMIT_WRITES=1000000 RATE_LIMIT_READS=1000000 ./shop up',
    '(or set them on the gateway in docker-compose.yml).',
  ].join('\n');
}
