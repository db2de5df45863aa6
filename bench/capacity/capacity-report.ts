// The capacity report (bench/reports/capacity-<date>.md): the machine, the
// settings, per sampling ratio the find-max steps and the measured run's CPU
// and memory per process, the limits of Kafka and PostgreSQL measured with
// their own tools and what share of them the shop uses, and the targets.
import { formatSteps, lowestUnsustained } from '../load/find-max.ts';
import { decidedCount } from '../load/load-stats.ts';
import { latencyTable } from '../load/summary-table.ts';
import type { MeasuredRun, RatioRun, Underneath } from './capacity-run.ts';
import { cpuMsPerOrder, shopCpu, type Verdict } from './capacity-targets.ts';
import { BENCH, OTHER_BACKENDS } from './components.ts';
import { atReferenceSpeed, describeMachineSpeed } from '../machine/speed-sampler.ts';
import { orderCost, shareAt, usedAt } from './order-cost.ts';
import { sharedGroups } from './shop-counters.ts';

export interface ReportInput {
  date: string;
  machine: { platform: string; cores: number; memoryGb: number; node: string; cpuModel: string };
  /** Load averages and the busiest processes (ps) before and after. */
  elsewhere: { loadBefore: string; loadAfter: string; busiestBefore: string; busiestAfter: string };
  settings: { ratios: number[]; stepS: number; measuredS: number; settleS: number; warmupS: number; brokerWarmup?: { ageS: number; rate: number; durationS: number }; portBase: number; customers: number; skus: string[]; limitsLifted: string; ticksPerSecond: number };
  runs: RatioRun[];
  underneath: Underneath;
  verdicts: Verdict[];
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));
const percent = (share: number | undefined) => (share === undefined || !Number.isFinite(share) ? '–' : `${(100 * share).toFixed(share < 0.01 ? 2 : 1)}%`);


/** CPU ms a second of a component while idle (no order coming). */
const idleRate = (measured: MeasuredRun, component?: string) =>
  measured.idle.seconds > 0
    ? (component === undefined ? shopCpu(measured.idle.cpu) : measured.idle.cpu.filter((c) => c.component === component)).reduce((sum, c) => sum + c.cpuMs, 0) / measured.idle.seconds
    : undefined;

/** CPU ms per order with what the component uses idle over the window taken out. */
export function netMsPerOrder(cpuMs: number, idleMsPerSecond: number | undefined, windowS: number, decided: number): number | undefined {
  if (idleMsPerSecond === undefined || decided === 0) return undefined;
  return Math.max(0, cpuMs - idleMsPerSecond * windowS) / decided;
}

function processTable(measured: MeasuredRun): string {
  const row = (component: string, cpuMs: number, processes: string, rss: string, idle: number | undefined, bold = false) => {
    const b = (text: string) => (bold ? `**${text}**` : text);
    const perOrder = measured.decidedInWindow ? cpuMs / measured.decidedInWindow : undefined;
    return `| ${component} | ${processes} | ${b(fixed(cpuMs / 1000, 2))} | ${b(fixed(perOrder, 2))} | ${fixed(idle, 0)} | ${fixed(netMsPerOrder(cpuMs, idle, measured.durationS, measured.decidedInWindow), 2)} | ${rss} |`;
  };
  const rows = measured.cpu.map((c) => {
    const rss = measured.peakRssKb[c.component];
    const churn = c.exited || c.appeared ? ` (${c.kept} kept, ${c.exited} exited, ${c.appeared} appeared)` : ` (${c.kept})`;
    return { ...c, line: row(c.component, c.cpuMs, `${c.kept + c.appeared}${churn}`, rss === undefined ? '–' : fixed(rss / 1024, 0), idleRate(measured, c.component)) };
  });
  const total = shopCpu(measured.cpu).reduce((sum, c) => sum + c.cpuMs, 0);
  const apps = Object.values(measured.peakRssKb).reduce((sum, kb) => sum + kb, 0);
  const aside = new Set([BENCH, OTHER_BACKENDS]);
  return [
    '| process | processes | CPU s | CPU ms / decided order | idle: CPU ms/s | ms / order beyond idle | peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.filter((r) => !aside.has(r.component)).map((r) => r.line),
    row('**the shop, summed**', total, '', `apps: ${fixed(apps / 1024, 0)}`, idleRate(measured), true),
    ...rows.filter((row) => aside.has(row.component)).map((row) => row.line.replace(/^\| ([^|]+) \|/, '| ($1, not in the sum) |')),
  ].join('\n');
}

/**
 * The statements each database ran per order, the background taken out as for
 * commits: every one a round trip from an app or a relay to PostgreSQL, the
 * unit the CPU of both sides goes by (bench/reports/db-client-cost-*.md).
 */
export function statementsPerOrder(measured: MeasuredRun): string {
  const { statements, idle } = measured;
  if (!statements || !idle.statements) {
    return 'Statements per order: not counted (pg_stat_statements could not be read; PostgreSQL loads it at its start, so one started before it was added needs `./shop infra stop` and `./shop infra start`).';
  }
  const counted = { seconds: measured.countedS, idleSeconds: idle.seconds, orders: measured.decidedOrders };
  const costOf = (database: string) => orderCost({ ...counted, count: statements[database]!, idleCount: idle.statements![database] ?? 0 });
  const databases = Object.keys(statements).sort((a, b) => (costOf(b).perOrder ?? 0) - (costOf(a).perOrder ?? 0));
  const total = orderCost({ ...counted, count: sum(Object.values(statements)), idleCount: sum(Object.values(idle.statements)) });
  return (
    `**${fixed(total.perOrder, 1)} statements per order** sent to PostgreSQL (pg_stat_statements' calls, BEGIN and COMMIT included: each a round trip from an app or a relay; ` +
    `background ${fixed(total.backgroundPerSecond, 1)}/s taken out): ${databases.map((database) => `${database} ${fixed(costOf(database).perOrder, 1)}`).join(', ')}.`
  );
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function ratioSection(run: RatioRun, underneath: Underneath, settings: ReportInput['settings']): string {
  const lines = [`## Sampling ratio ${run.ratio}`, '', `### Maximum sustainable rate (${settings.stepS} s a step)`, '', formatSteps(run.steps), ''];
  const bound = lowestUnsustained(run.steps);
  lines.push(run.max === undefined ? `Not even ${run.steps[0]?.rate}/s was sustained (${run.steps[0]?.verdict}).` : `**Maximum sustained: ${run.max} orders/s** (the lowest rate not sustained, ${bound?.rate}/s: ${bound?.verdict ?? 'not run'}).`, '');
  const measured = run.measured;
  if (!measured) return [...lines, 'No measured run.'].join('\n');
  const { figures } = measured;
  const cpu = cpuMsPerOrder(run);
  const idleShop = idleRate(measured);
  const counted = { seconds: measured.countedS, idleSeconds: measured.idle.seconds, orders: measured.decidedOrders };
  const messages = orderCost({ ...counted, count: measured.kafkaMessages, idleCount: measured.idle.kafkaMessages });
  const commits = orderCost({ ...counted, count: measured.commits, idleCount: measured.idle.commits });
  lines.push(
    `### Measured run: ${measured.rate} orders/s for ${measured.durationS} s`,
    '',
    `${figures.sent} sent, ${figures.accepted} accepted, ${decidedCount(figures)} decided (confirmed ${figures.decided.confirmed}, rejected ${figures.decided.rejected}, cancelled ${figures.decided.cancelled}), ${measured.undecided} undecided at the end; ` +
      `**${measured.decidedInWindow} decided during the ${measured.durationS} s window**, which the CPU is divided by.`,
    '',
    processTable(measured),
    '',
    `**CPU per decided order, the shop summed: ${fixed(cpu, 1)} ms** (${fixed(cpu === undefined ? undefined : (cpu * measured.rate) / 10, 0)}% of one core at ${measured.rate}/s). ` +
      `Idle, with no order coming, the same processes used ${fixed(idleShop, 0)} ms of CPU a second (${fixed(idleShop === undefined ? undefined : idleShop / 10, 0)}% of a core); ` +
      `beyond that, an order cost ${fixed(netMsPerOrder(shopCpu(measured.cpu).reduce((sum, c) => sum + c.cpuMs, 0), idleShop, measured.durationS, measured.decidedInWindow), 1)} ms.`,
    '',
    describeMachineSpeed(measured.speed) + atReference(measured, cpu),
    '',
    ...latencyTable(
      [
        ['POST /orders (from when it was due)', figures.post],
        ['placed→decided (ce_time to ce_time)', figures.placedToDecided],
        ['placed→confirmed (the confirmed ones)', measured.placedToConfirmed],
      ],
      (value) => fixed(value, 0),
    ),
    '',
    `Underneath, from before the run until it settled (${fixed(measured.countedS, 0)} s, ${measured.decidedOrders} orders decided): ${measured.kafkaMessages} Kafka messages written to the shop's topics ` +
      `and ${measured.commits} transactions committed in its databases (every statement outside an explicit transaction commits, reads included). ` +
      `With no order coming, counted ${fixed(measured.idle.seconds, 0)} s right after, the shop wrote ${fixed(messages.backgroundPerSecond, 1)} messages/s and committed ${fixed(commits.backgroundPerSecond, 1)} transactions/s ` +
      `(relays, consumers, the load generator's catalog reads). That background taken out: **${fixed(messages.perOrder, 1)} Kafka messages and ${fixed(commits.perOrder, 1)} commits per order** ` +
      `(${fixed(messages.grossPerOrder, 1)} and ${fixed(commits.grossPerOrder, 1)} with it).`,
    '',
    statementsPerOrder(measured),
    '',
    `PostgreSQL backends serving the apps: ${measured.backends.start.apps} at the window's start, ${measured.backends.end.apps} at its end; other clients': ${measured.backends.start.others} / ${measured.backends.end.others}. ` +
      `Consumer group members during the run: ${Object.entries(measured.groupMembers).map(([group, n]) => `${group} ${n}`).join(', ') || 'not read'}.`,
    '',
  );
  const kafka = 'error' in underneath.kafka ? undefined : underneath.kafka;
  const pgbench = 'error' in underneath.pgbench ? undefined : underneath.pgbench;
  const at = (rate: number) =>
    `| ${rate}/s | ${fixed(usedAt(rate, messages), 0)} | ${percent(shareAt(rate, messages, kafka?.producer.recordsPerSecond))} | ${fixed(usedAt(rate, commits), 0)} | ${percent(shareAt(rate, commits, pgbench?.tps))} |`;
  lines.push(
    'At N orders/s the shop uses its background plus N times the per-order cost:',
    '',
    '| orders/s | Kafka messages/s | of ProducerPerformance\'s rate | commits/s | of pgbench\'s tps |',
    '| --- | ---: | ---: | ---: | ---: |',
    at(measured.rate),
    ...(run.max !== undefined && run.max !== measured.rate ? [at(run.max)] : []),
    '',
  );
  return lines.join('\n');
}

/** The CPU per order, the shop's and the apps', at the reference speed. */
function atReference(measured: MeasuredRun, shopMsPerOrder: number | undefined): string {
  if (!measured.speed || shopMsPerOrder === undefined || !measured.decidedInWindow) return '';
  const isApp = (component: string) => component in measured.peakRssKb;
  const appsMs = measured.cpu.filter((c) => isApp(c.component)).reduce((sum, c) => sum + c.cpuMs, 0) / measured.decidedInWindow;
  return ` **At the reference speed: ${fixed(atReferenceSpeed(shopMsPerOrder, measured.speed), 1)} ms per decided order, the apps ${fixed(atReferenceSpeed(appsMs, measured.speed), 1)}.**`;
}

function underneathSection({ eventSizes, kafka, pgbench }: Underneath): string {
  return [
    '## What lies underneath',
    '',
    `The shop's events, ${eventSizes.messages} of the latest read back from its event topics: value ${fixed(eventSizes.meanValueBytes, 0)} bytes, ` +
      `headers ${fixed(eventSizes.meanHeaderBytes, 0)}, key ${fixed(eventSizes.meanKeyBytes, 0)}; **${fixed(eventSizes.meanRecordBytes, 0)} bytes a record** in all.`,
    '',
    'error' in kafka
      ? `Kafka's tools failed: ${kafka.error}`
      : [
          `**Kafka** (kafka-tools 4.3.1 on this broker, topic \`${kafka.topic}\` of ${kafka.partitions} partitions like the shop's, deleted after; ${kafka.producer.records} records of ${kafka.recordBytes} bytes):`,
          '',
          '| tool | records/s | MB/s | notes |',
          '| --- | ---: | ---: | --- |',
          `| ProducerPerformance, acks=all, idempotent (as the outbox relay) | **${fixed(kafka.producer.recordsPerSecond, 0)}** | ${fixed(kafka.producer.mbPerSecond, 2)} | latency avg ${fixed(kafka.producer.avgLatencyMs, 0)} ms, p99 ${fixed(kafka.producer.p99LatencyMs, 0)} ms (unthrottled: queueing in the producer) |`,
          `| ConsumerPerformance | ${fixed(kafka.consumer.recordsPerSecond, 0)} | ${fixed(kafka.consumer.mbPerSecond, 2)} | fetching alone (without the group join): ${fixed(kafka.consumer.fetchRecordsPerSecond, 0)} records/s, ${fixed(kafka.consumer.fetchMbPerSecond, 2)} MB/s |`,
        ].join('\n'),
    '',
    'error' in pgbench
      ? `pgbench failed: ${pgbench.error}`
      : `**PostgreSQL** (${pgbench.pgbench}, -c ${pgbench.clients} -j ${pgbench.threads} -T ${pgbench.seconds}, database \`${pgbench.database}\` dropped after): a consumer's transaction ` +
        `(inbox INSERT … ON CONFLICT DO NOTHING, an UPDATE of a product row, an outbox INSERT with a ${fixed(pgbench.payloadBytes, 0)}-byte jsonb payload, pg_notify): ` +
        `**${fixed(pgbench.tps, 0)} transactions/s**, ${pgbench.transactions} in all, ${pgbench.failed} failed, ${fixed(pgbench.latencyAvgMs, 2)} ms on average.`,
    '',
  ].join('\n');
}

/** A warning when another copy of the apps was in the shop's consumer groups: it took part of the run's events, and its own load ran through Kafka and PostgreSQL. */
function sharedWarning(runs: readonly RatioRun[]): string[] {
  const shared = runs.flatMap((run) => {
    const groups = run.measured ? sharedGroups(run.measured.groupMembers) : [];
    return groups.length ? [`ratio ${run.ratio}: ${groups.map((group) => `${group} ${run.measured!.groupMembers[group]} members`).join(', ')}`] : [];
  });
  if (shared.length === 0) return [];
  return [
    `> **Warning: the shop's consumer groups were shared during the measured run** (${shared.join('; ')}). Another copy of the apps on the same Kafka ` +
      '(a group is named after its service) took part of the partitions: some of the run\'s events were consumed by it, and some of its events by the run\'s apps; ' +
      'its load also went through Kafka and PostgreSQL. CPU per order, messages and commits per order and latencies are disturbed by it, not just by the shared cores. ' +
      'Run again with no other shop on this Kafka for clean figures.',
    '',
  ];
}

export function formatCapacityReport(input: ReportInput): string {
  const { machine, elsewhere, settings, runs, underneath, verdicts } = input;
  const mark = (pass: boolean | undefined) => (pass === undefined ? '–' : pass ? 'pass' : '**FAIL**');
  return [
    `# Capacity — ${input.date}`,
    '',
    '`./shop bench capacity` (bench/capacity.ts): for each trace sampling ratio, the seven apps started as `./shop up` starts them, ' +
      'the maximum sustainable rate found as `./shop load --find-max` finds it, then a run at half that rate during which the CPU time of every ' +
      'process of the shop is read from /proc/<pid>/stat (utime+stime, and for PostgreSQL the backends that came and went through the ' +
      'postmaster\'s cutime+cstime) and divided by the orders decided in that window; then the limits of Kafka and PostgreSQL measured with their own tools.',
    '',
    `Machine: ${machine.platform}, ${machine.cores} cores (${machine.cpuModel}), ${fixed(machine.memoryGb, 0)} GB, Node ${machine.node}; clock ticks ${settings.ticksPerSecond}/s.`,
    '',
    '**The machine was shared**: other work ran on the same cores during the run (figures disturbed, CPU per order included, since a busy machine ' +
      'costs every process more cache misses and waiting). Load averages before: ' + elsewhere.loadBefore + '; after: ' + elsewhere.loadAfter + '. Busiest processes before:',
    '',
    '```',
    elsewhere.busiestBefore,
    '```',
    '',
    'and after:',
    '',
    '```',
    elsewhere.busiestAfter,
    '```',
    '',
    `Settings: ratios ${settings.ratios.join(', ')} (SHOP_TRACE_SAMPLE_RATIO of the apps); ${brokerWarmupSentence(settings.brokerWarmup)}a warm-up of ${settings.warmupS} s at 2/s after the apps start (not counted); find-max steps of ${settings.stepS} s; measured run ${settings.measuredS} s at half the maximum (at least 2/s), ` +
      `followed ${settings.settleS} s more for its decisions; apps on ports ${settings.portBase}-${settings.portBase + 6}; ${settings.customers} customers, skus ${settings.skus.join(', ')}; ${settings.limitsLifted}.`,
    '',
    ...sharedWarning(runs),
    '## Targets (issue 15)',
    '',
    '| target | figure | verdict |',
    '| --- | --- | --- |',
    ...verdicts.map((verdict) => `| ${verdict.target} | ${verdict.figure} | ${mark(verdict.pass)} |`),
    '',
    ...runs.map((run) => ratioSection(run, underneath, settings)),
    underneathSection(underneath),
    '## Notes',
    '',
    '- CPU per order: the shop\'s processes summed (the seven apps, Kafka\'s JVM, PostgreSQL, Jaeger, Mailpit, the Slack sink) over the window, divided by the orders whose deciding event was read in it. ' +
      'Work an order causes after its decision (shipping, e-mail, Slack, history) lands in the window for earlier orders: at a steady rate the two balance.',
    '- PostgreSQL: the postmaster, its helpers and every backend; backends are put down as the apps\' when their client port belongs to one of the seven apps, ' +
      'otherwise as other clients\' (shown apart, not in the sum). A backend that exited during the window comes back through the postmaster\'s reaped time and stays in the shop\'s line.',
    '- Peak RSS: VmHWM of each app, read every 200 ms from its start to its end (find-max included).',
    '- Kafka messages and commits per order are counted from before the measured run until it settled, less the background counted right after with no order coming; ' +
      'pg_stat_database is flushed by a backend at most once a second while busy and within 10 s when idle, so a quiet pause of 11 s precedes each reading.',
    '- The fractions compare the messages the shop writes with ProducerPerformance\'s unthrottled rate on one topic, and its commits with pgbench\'s rate for one kind of transaction: ' +
      'orders of magnitude, not a prediction of where the shop saturates (the apps\' own CPU comes first on this machine).',
    '',
  ].join('\n');
}

/** What the broker got first when it was young (its JIT still compiling), or nothing. */
function brokerWarmupSentence(warmup: ReportInput['settings']['brokerWarmup']): string {
  if (!warmup) return '';
  return `Kafka had been up ${warmup.ageS} s, so first ${warmup.durationS} s at ${warmup.rate}/s while its JIT compiled (not counted); `;
}
