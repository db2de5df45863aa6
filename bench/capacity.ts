// `./shop bench capacity`: what an order costs and how many the shop takes.
// For each trace sampling ratio: the seven apps started as ./shop up starts
// them (rate limits lifted), the maximum sustainable rate found as
// `./shop load --find-max` finds it, then a run at half that rate during
// which the CPU time of every process of the shop is read from /proc and
// divided by the orders decided; then Kafka's and PostgreSQL's own limits,
// measured with their tools, and the share of them the shop uses. Writes
// bench/reports/capacity-<date>.md.
//
//   BENCH_RATIOS        sampling ratios, comma-separated (default 0.1,1)
//   BENCH_STEP_S        seconds per find-max step (default 15)
//   BENCH_MEASURED_S    seconds of the measured run (default 30)
//   BENCH_WARMUP_S      seconds at 2 orders/s before find-max, not counted (default 10)
//   BENCH_KAFKA_WARMUP  seconds at 10 orders/s first, when Kafka started less than 5 minutes ago (default 60; 0: none)
//   BENCH_PORT_BASE     first port of the apps (default 3900)
//   BENCH_CUSTOMERS     customers ordering (default 20)
//   BENCH_SKUS          catalog products ordered (default 5)
//   BENCH_KAFKA_RECORDS records ProducerPerformance writes (default 100000)
//   BENCH_PGBENCH_S     seconds of pgbench (default 15)
//   SHOP_LOCAL_DIR      the running infrastructure's state folder (default .local; see bench/shop-processes.ts)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '@shop/runtime';
import { cpuByComponent, ticksToMs } from './capacity/cpu-account.ts';
import type { ComponentCpuMs, MeasuredRun, RatioRun, Underneath } from './capacity/capacity-run.ts';
import { formatCapacityReport } from './capacity/capacity-report.ts';
import { judge } from './capacity/capacity-targets.ts';
import { sampleEventSizes } from './capacity/event-size.ts';
import { measureKafka } from './capacity/kafka-limit.ts';
import { startSpeedSampler } from './machine/speed-sampler.ts';
import { measurePostgres } from './capacity/pgbench-limit.ts';
import { clockTicksPerSecond, processAgeS } from './capacity/proc-stat.ts';
import { groupMembers, mostMembers, readShopCounters, statementsBetween } from './capacity/shop-counters.ts';
import { readShopCpu } from './capacity/shop-cpu.ts';
import { findMaxRate } from './load/find-max-run.ts';
import { Latencies } from './load/latency.ts';
import { loadRun } from './load/load-run.ts';
import { decidedCount, LoadStats } from './load/load-stats.ts';
import { setUpLoad } from './load/load-setup.ts';
import { orderTopicGroups } from './load/order-topic-lag.ts';
import type { LimitsSeen } from './load/summary-table.ts';
import { type App, gatewayOf, machineNow, native, repoRoot, startApps, stopApps, UNLIMITED, waitHealthy } from './native-shop.ts';
import { infrastructure, localDir, statusField } from './shop-processes.ts';
import { reportFile } from './report-file.ts';

const RATIOS = (process.env.BENCH_RATIOS ?? '0.1,1').split(',').map(Number);
const STEP_S = Number(process.env.BENCH_STEP_S ?? 15);
const MEASURED_S = Number(process.env.BENCH_MEASURED_S ?? 30);
const WARMUP_S = Number(process.env.BENCH_WARMUP_S ?? 10);
/**
 * A broker started minutes ago is still compiling its hot paths (HotSpot's JIT):
 * its CPU per order ran up to twice what it settles at, and a run right after
 * `./shop infra start` (or a bench that started the infrastructure) measured that.
 * Such a broker gets this much load first, not counted.
 */
const KAFKA_WARMUP = { rate: 10, durationS: Number(process.env.BENCH_KAFKA_WARMUP ?? 60), youngerThanS: 300 };
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3900);
const CUSTOMERS = Number(process.env.BENCH_CUSTOMERS ?? 20);
const SKUS = Number(process.env.BENCH_SKUS ?? 5);
const KAFKA_RECORDS = Number(process.env.BENCH_KAFKA_RECORDS ?? 100_000);
const PGBENCH_S = Number(process.env.BENCH_PGBENCH_S ?? 15);
/** After the measured run's last request, how long its decisions are waited for. */
const SETTLE_S = 10;
/** A quiet pause before each count of commits: an idle backend flushes its statistics within 10 s (PostgreSQL 15). */
const QUIET_MS = 11_000;
const MAX_IN_FLIGHT = 2_000;

if (RATIOS.some((ratio) => !(ratio >= 0 && ratio <= 1))) throw new Error(`BENCH_RATIOS: expected ratios from 0 to 1, got ${process.env.BENCH_RATIOS}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const [pgHost, pgPort, pgUser, pgPassword, brokers] = native('echo "$POSTGRES_HOST"; echo "$POSTGRES_PORT"; echo "$POSTGRES_ADMIN_USER"; echo "$POSTGRES_ADMIN_PASSWORD"; echo "$KAFKA_BROKERS"')
  .trim()
  .split('\n');
const pgAdmin = { host: pgHost!, port: Number(pgPort), user: pgUser!, password: pgPassword! };
const adminUrl = `postgresql://${encodeURIComponent(pgAdmin.user)}:${encodeURIComponent(pgAdmin.password)}@${pgAdmin.host}:${pgAdmin.port}/postgres`;
const customers = Array.from({ length: CUSTOMERS }, (_, i) => `capacity-customer-${i + 1}`);

// The infrastructure must be up before anything starts (it is not this benchmark's to start).
const broker = infrastructure().find(({ component }) => component === 'kafka')!;
const ticksPerSecond = clockTicksPerSecond();
const brokerAgeS = Math.round(processAgeS(broker.pid, ticksPerSecond) ?? 0);
const brokerWarmup =
  brokerAgeS < KAFKA_WARMUP.youngerThanS && KAFKA_WARMUP.durationS > 0 ? { ageS: brokerAgeS, rate: KAFKA_WARMUP.rate, durationS: KAFKA_WARMUP.durationS } : undefined;
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'bench-capacity', brokers: brokers!.split(','), logLevel: logLevel.NOTHING, retry: { retries: 3 } });
const admin = kafka.admin();
await admin.connect();
const before = machineNow();
console.log(`capacity: ratios ${RATIOS.join(', ')}, ${STEP_S} s a step, ${MEASURED_S} s measured, apps on ${PORT_BASE}+, infrastructure from ${localDir()}`);

/** One ratio: the apps up (the first ratio warms a young broker), find-max, the measured run at half the maximum, the apps down. */
async function atRatio(ratio: number, first: boolean): Promise<{ run: RatioRun; skus: string[]; limits: LimitsSeen }> {
  const logName = `bench-capacity-${ratio}`;
  const apps: App[] = startApps(PORT_BASE, logName, { SHOP_TRACE_SAMPLE_RATIO: String(ratio) });
  const peakRssKb: Record<string, number> = {};
  const sampleRss = () => {
    for (const app of apps) {
      const kb = statusField(app.child.pid!, 'VmHWM');
      if (kb !== undefined) peakRssKb[app.service] = Math.max(peakRssKb[app.service] ?? 0, kb);
    }
  };
  const sampler = setInterval(sampleRss, 200);
  try {
    await waitHealthy(apps, logName);
    const window = { open: false, decided: 0, confirmed: new Latencies() };
    const setup = await setUpLoad({
      gateway: gatewayOf(apps),
      kafkaBrokers: brokers!.split(','),
      customers,
      skus: SKUS,
      overStockShare: 0.05,
      cancelShare: 0.05,
      onDecided: (order) => {
        if (window.open) window.decided++;
        if (order.decision === 'confirmed') window.confirmed.record(order.placedToDecidedMs);
      },
    });
    const limits: LimitsSeen = {};
    try {
      if (brokerWarmup && first) {
        const { ageS, rate, durationS } = brokerWarmup;
        console.log(`\n== Kafka has been up ${ageS} s: ${rate} orders/s for ${durationS} s while its JIT compiles (not counted)`);
        await loadRun({ rate, durationS, maxInFlight: MAX_IN_FLIGHT, settleMs: 5_000 }, { ...setup, stats: setup.stats.current, limits });
      }
      // Freshly started apps compile their hot paths and their consumers join their groups: the first step must not measure that.
      console.log(`\n== ratio ${ratio}: warming up, 2 orders/s for ${WARMUP_S} s (not counted)`);
      await loadRun({ rate: 2, durationS: WARMUP_S, maxInFlight: MAX_IN_FLIGHT, settleMs: 5_000 }, { ...setup, stats: setup.stats.current, limits });
      console.log(`== ratio ${ratio}: finding the maximum`);
      const { steps, max } = await findMaxRate({ durationS: STEP_S, maxInFlight: MAX_IN_FLIGHT }, { ...setup, limits });
      const rate = Math.max(2, Math.floor((max ?? steps[0]!.rate) / 2));
      console.log(`== ratio ${ratio}: maximum ${max ?? 'none'}/s; quiet for ${QUIET_MS / 1000} s, then ${rate}/s for ${MEASURED_S} s measured`);
      await sleep(QUIET_MS);
      const countsBefore = await readShopCounters(admin, adminUrl);
      const countedFrom = performance.now();
      setup.stats.current = new LoadStats();
      setup.decisions.forgetUndecided();
      window.confirmed = new Latencies();
      const membersAtStart = await groupMembers(admin, orderTopicGroups()).catch(() => ({}));
      const speedSampler = startSpeedSampler();
      const cpuStart = readShopCpu(apps);
      const started = performance.now();
      window.open = true;
      // No settling inside the window: it ends with the last request's answer.
      await loadRun({ rate, durationS: MEASURED_S, maxInFlight: MAX_IN_FLIGHT, settleMs: 0 }, { ...setup, stats: setup.stats.current, limits });
      window.open = false;
      const cpuEnd = readShopCpu(apps);
      const speed = await speedSampler.stop();
      const windowS = (performance.now() - started) / 1000;
      const members = mostMembers(membersAtStart, await groupMembers(admin, orderTopicGroups()).catch(() => ({})));
      const deadline = Date.now() + SETTLE_S * 1000;
      while (setup.decisions.undecided() > 0 && Date.now() < deadline) await sleep(100);
      const undecided = setup.decisions.undecided();
      await sleep(QUIET_MS);
      const countsAfter = await readShopCounters(admin, adminUrl);
      const idleCpuStart = readShopCpu(apps);
      const measuredFor = (performance.now() - countedFrom) / 1000;
      // What the shop writes and commits with no order coming (relays, the stock keeper's catalog reads): taken out of the per-order counts.
      await sleep(QUIET_MS);
      const countsIdle = await readShopCounters(admin, adminUrl);
      const idleCpuEnd = readShopCpu(apps);
      const idleS = (performance.now() - countedFrom) / 1000 - measuredFor;
      sampleRss();
      const figures = setup.stats.current.figures();
      const inMs = (start: typeof cpuStart, end: typeof cpuEnd): ComponentCpuMs[] =>
        cpuByComponent(start.readings, end.readings).map(({ component, ticks, kept, exited, appeared }) => ({ component, cpuMs: ticksToMs(ticks, ticksPerSecond), kept, exited, appeared }));
      const cpu = inMs(cpuStart, cpuEnd);
      const measured: MeasuredRun = {
        rate,
        durationS: Number(windowS.toFixed(1)),
        decidedInWindow: window.decided,
        figures,
        placedToConfirmed: window.confirmed.figures(),
        undecided,
        cpu,
        speed,
        peakRssKb: { ...peakRssKb },
        kafkaMessages: countsAfter.kafkaMessages - countsBefore.kafkaMessages,
        commits: countsAfter.commits - countsBefore.commits,
        statements: statementsBetween(countsBefore, countsAfter),
        countedS: measuredFor,
        idle: {
          seconds: idleS,
          kafkaMessages: countsIdle.kafkaMessages - countsAfter.kafkaMessages,
          commits: countsIdle.commits - countsAfter.commits,
          statements: statementsBetween(countsAfter, countsIdle),
          cpu: inMs(idleCpuStart, idleCpuEnd),
        },
        decidedOrders: decidedCount(figures),
        backends: { start: cpuStart.backends, end: cpuEnd.backends },
        groupMembers: members,
      };
      limits.reads = setup.keeper.readsLimit;
      return { run: { ratio, steps, max, measured }, skus: setup.skus, limits };
    } finally {
      await setup.stop();
    }
  } finally {
    clearInterval(sampler);
    await stopApps(apps);
  }
}

const runs: RatioRun[] = [];
let skus: string[] = [];
let limitsSeen: LimitsSeen = {};
for (const ratio of RATIOS) {
  const result = await atRatio(ratio, runs.length === 0);
  runs.push(result.run);
  skus = result.skus;
  limitsSeen = result.limits;
}

console.log('\n== underneath: the shop\'s event size, Kafka\'s tools, pgbench');
const eventSizes = await sampleEventSizes(kafka);
const failed = (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) });
const kafkaLimit = await measureKafka(admin, brokers!.split(',')[0]!, { recordBytes: Math.round(eventSizes.meanRecordBytes), records: KAFKA_RECORDS }).catch(failed);
const pgbenchLimit = await measurePostgres(pgAdmin, { payloadBytes: eventSizes.meanValueBytes, headerBytes: eventSizes.meanHeaderBytes, seconds: PGBENCH_S }).catch(failed);
const underneath: Underneath = { eventSizes, kafka: kafkaLimit, pgbench: pgbenchLimit };
await admin.disconnect();

const after = machineNow();
const date = new Date().toISOString();
const report = formatCapacityReport({
  date,
  machine: { platform: process.platform, cores: os.cpus().length, memoryGb: os.totalmem() / 2 ** 30, node: process.version, cpuModel: os.cpus()[0]?.model ?? '?' },
  elsewhere: { loadBefore: before.load, loadAfter: after.load, busiestBefore: before.busiest, busiestAfter: after.busiest },
  settings: {
    ratios: RATIOS,
    stepS: STEP_S,
    measuredS: MEASURED_S,
    settleS: SETTLE_S,
    warmupS: WARMUP_S,
    brokerWarmup,
    portBase: PORT_BASE,
    customers: CUSTOMERS,
    skus,
    limitsLifted: `the gateway's rate limits lifted (${Object.entries(UNLIMITED).map(([name, value]) => `${name}=${value}`).join(', ')}; it answered RateLimit-Limit ${limitsSeen.writes ?? '?'} writes, ${limitsSeen.reads ?? '?'} reads)`,
    ticksPerSecond,
  },
  runs,
  underneath,
  verdicts: judge(runs),
});
const file = reportFile('capacity', new Date(date), path.join(repoRoot, 'bench/reports'));
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, report);
process.stdout.write(`\n${report}\nreport written to ${path.relative(repoRoot, file)}\n`);
// Whatever kafkajs still holds (timers, sockets) must not keep a finished run alive.
process.exit(0);
