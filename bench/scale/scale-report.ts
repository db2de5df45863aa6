// The report of `./shop bench scale`: one column per layout (brokers ×
// replicas), the steady run's cost and latency, then what each fault did to
// the orders placed while it lasted, and the ratios against one broker and
// one replica of everything, all measured in the same run.
import type { LatencyFigures } from '../load/latency.ts';
import { formatFailures } from '../load/load-stats.ts';
import { type ByPart, PARTS, total } from './shop-footprint.ts';

export interface Layout {
  brokers: number;
  replicas: number;
}

/** The orders placed while a fault happened: what the customers saw. */
export interface FaultFigures {
  sent: number;
  accepted: number;
  /** Answers other than 202, and requests without one, by status or kind. */
  failures: Record<string, number>;
  decided: number;
  /** Accepted, and still not decided when the run gave up waiting. */
  undecided: number;
  /** From when each POST was due to its decision on the order topic. */
  dueToDecided: LatencyFigures;
  /** The order topic's consumer lag at its highest (messages, all groups). */
  peakLag: number;
}

export interface LayoutRun {
  layout: Layout;
  /** From ./shop up to "all up", s. */
  startS: number;
  steady: {
    decided: number;
    failures: Record<string, number>;
    dueToDecided: LatencyFigures;
    cpuMs: ByPart;
    memoryMb: ByPart;
  };
  appKill: FaultFigures;
  brokerKill: FaultFigures;
}

export interface ScaleReportInput {
  date: string;
  machine: { cpus: number; memoryGiB: number; loadBefore: string; loadAfter: string; busiest: string };
  rate: number;
  steadyS: number;
  faultS: number;
  brokerDownS: number;
  command: string;
  runs: LayoutRun[];
}

export const layoutName = ({ brokers, replicas }: Layout): string => `${brokers} broker${brokers > 1 ? 's' : ''} × ${replicas} replica${replicas > 1 ? 's' : ''}`;

const fixed = (value: number | undefined, digits = 0) => (value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** CPU per decided order, ms, of one part or of everything. */
export function cpuPerOrder(run: LayoutRun, part?: (typeof PARTS)[number]): number | undefined {
  if (run.steady.decided === 0) return undefined;
  return (part ? run.steady.cpuMs[part] : total(run.steady.cpuMs)) / run.steady.decided;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function faultRows(runs: LayoutRun[], pick: (run: LayoutRun) => FaultFigures): string[][] {
  return [
    ['orders sent', ...runs.map((run) => String(pick(run).sent))],
    ['refused or unanswered', ...runs.map((run) => formatFailures(pick(run).failures))],
    ['decided / undecided', ...runs.map((run) => `${pick(run).decided} / ${pick(run).undecided}`)],
    ['due→decided p50', ...runs.map((run) => seconds(pick(run).dueToDecided.p50))],
    ['due→decided p99', ...runs.map((run) => seconds(pick(run).dueToDecided.p99))],
    ['slowest order (due→decided)', ...runs.map((run) => seconds(pick(run).dueToDecided.max))],
    ['peak order-topic lag (messages)', ...runs.map((run) => String(pick(run).peakLag))],
  ];
}

/** What changes from the first layout (one broker, one replica) to each other, as ratios. */
function ratioRows(runs: LayoutRun[]): string[][] {
  const [base] = runs;
  const ratio = (value: number | undefined, baseline: number | undefined) => (value === undefined || !baseline ? '-' : `${(value / baseline).toFixed(2)}×`);
  return [
    ['CPU per order', ...runs.map((run) => ratio(cpuPerOrder(run), cpuPerOrder(base!)))],
    ['memory (all processes)', ...runs.map((run) => ratio(total(run.steady.memoryMb), total(base!.steady.memoryMb)))],
    ['steady p99 due→decided', ...runs.map((run) => ratio(run.steady.dueToDecided.p99, base!.steady.dueToDecided.p99))],
    ['slowest order, app kill', ...runs.map((run) => ratio(run.appKill.dueToDecided.max, base!.appKill.dueToDecided.max))],
    ['slowest order, broker kill', ...runs.map((run) => ratio(run.brokerKill.dueToDecided.max, base!.brokerKill.dueToDecided.max))],
  ];
}

export function formatScaleReport(input: ScaleReportInput): string {
  const { runs } = input;
  const header = ['', ...runs.map((run) => layoutName(run.layout))];
  return [
    `# Scale: replicas and brokers on this machine (${input.date})`,
    '',
    `Command: \`${input.command}\`. Each layout is a shop of its own, started with \`./shop up --brokers B --replicas R\` (its own state folder and ports), measured, then stopped; the layouts ran one after the other in this run.`,
    `Machine: ${input.machine.cpus} cores, ${input.machine.memoryGiB} GiB; load average ${input.machine.loadBefore} before, ${input.machine.loadAfter} after. Busiest processes at the end:`,
    '',
    '```',
    input.machine.busiest,
    '```',
    '',
    `## Steady: ${input.rate} orders/s for ${input.steadyS} s (about half of what one replica of everything takes here)`,
    '',
    ...table(header, [
      ['start (./shop up to all up)', ...runs.map((run) => `${fixed(run.startS, 1)} s`)],
      ['orders decided', ...runs.map((run) => String(run.steady.decided))],
      ['refused or unanswered', ...runs.map((run) => formatFailures(run.steady.failures))],
      ['due→decided p50', ...runs.map((run) => `${fixed(run.steady.dueToDecided.p50)} ms`)],
      ['due→decided p99', ...runs.map((run) => `${fixed(run.steady.dueToDecided.p99)} ms`)],
      ['CPU per order, all processes', ...runs.map((run) => `${fixed(cpuPerOrder(run), 1)} ms`)],
      ...PARTS.map((part) => [`… ${part}`, ...runs.map((run) => `${fixed(cpuPerOrder(run, part), 1)} ms`)]),
      ['memory (PSS), all processes', ...runs.map((run) => `${fixed(total(run.steady.memoryMb))} MB`)],
      ...PARTS.map((part) => [`… ${part}`, ...runs.map((run) => `${fixed(run.steady.memoryMb[part])} MB`)]),
    ]),
    '',
    `## An app dies: the order service's and the gateway's replica 1 SIGKILLed, orders still at ${input.rate}/s (${input.faultS} s window)`,
    '',
    'With one replica the supervisor restarts the app and everything waits for it; with two, HAProxy sends the requests to the other gateway and the consumer group gives the dead replica\'s partitions to the other order replica.',
    '',
    ...table(header, faultRows(runs, (run) => run.appKill)),
    '',
    `## A broker dies: one Kafka node SIGKILLed, started again ${input.brokerDownS} s later (${input.faultS} s window)`,
    '',
    'With one broker that is an outage of Kafka; with three, the partitions it led get new leaders among the other two (replication 3, min.insync.replicas 2) and writes with acks=all go on.',
    '',
    ...table(header, faultRows(runs, (run) => run.brokerKill)),
    '',
    '## Against one broker and one replica (same run)',
    '',
    ...table(header, ratioRows(runs)),
    '',
  ].join('\n');
}
