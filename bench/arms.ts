// `./shop bench arms`: settings compared on the whole shop, in alternating
// arms. Each arm is a fresh start of the seven apps (as ./shop up starts them,
// bench/native-shop.ts) with Node flags or environment variables of its own,
// on the running infrastructure: 15 s at 5 orders/s to warm up (not counted),
// then BENCH_ARMS_RATE orders/s for BENCH_ARMS_SECONDS s, where each app's CPU
// comes from /proc and the machine's speed from a slice of reference work
// beside it (bench/machine); then a burst of BENCH_ARMS_BURST orders/s for
// 20 s, after which each app's peak resident memory (VmHWM) is read. Rounds
// run the arms forwards, then backwards, so no arm always follows another.
// Writes bench/reports/arms-<date>.md.
//
//   BENCH_ARMS          the arms, `name: words; name: words`, a word being a Node flag or NAME=value
//                       (bench/arms/arm-spec.ts), e.g. "base:; semi4: --max-semi-space-size=4"
//   BENCH_ARMS_ROUNDS   rounds (default 2)
//   BENCH_ARMS_RATE     orders a second in the measured window (default 15)
//   BENCH_ARMS_SECONDS  its length (default 40)
//   BENCH_ARMS_BURST    orders a second in the burst before the peaks are read (default 45)
//   BENCH_PORT_BASE     first port of the apps (default 3400 + SHOP_PORT_OFFSET)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Arm, parseArms, roundOrder } from './arms/arm-spec.ts';
import { type ArmRun, formatArmsTables } from './arms/arms-report.ts';
import { clockTicksPerSecond, cpuTicksOf } from './capacity/proc-stat.ts';
import { decidedCount, LoadStats } from './load/load-stats.ts';
import { loadRun } from './load/load-run.ts';
import { benchmarkMix, setUpLoad } from './load/load-setup.ts';
import type { LimitsSeen } from './load/summary-table.ts';
import { startSpeedSampler } from './machine/speed-sampler.ts';
import { gatewayOf, machineNow, native, repoRoot, SERVICES, startApps, stopApps, waitHealthy } from './native-shop.ts';
import { reportFile } from './report-file.ts';
import { statusField } from './shop-processes.ts';

const arms = (() => {
  try {
    return parseArms(process.env.BENCH_ARMS ?? '');
  } catch (error) {
    console.error(`./shop bench arms: ${(error as Error).message}`);
    process.exit(2);
  }
})();
const ROUNDS = Number(process.env.BENCH_ARMS_ROUNDS ?? 2);
const RATE = Number(process.env.BENCH_ARMS_RATE ?? 15);
const SECONDS = Number(process.env.BENCH_ARMS_SECONDS ?? 40);
const BURST = Number(process.env.BENCH_ARMS_BURST ?? 45);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3400 + Number(process.env.SHOP_PORT_OFFSET ?? 0));
for (const [name, value] of Object.entries({ ROUNDS, RATE, SECONDS, BURST, PORT_BASE })) {
  if (!(value > 0)) throw new Error(`arms: ${name} must be a positive number, got ${value}`);
}
const brokers = native('echo "$KAFKA_BROKERS"').trim().split(',');
const ticksPerSecond = clockTicksPerSecond();
const KB_PER_MB = 1024;

async function runArm(arm: Arm, round: number): Promise<ArmRun> {
  const logName = `bench-arms-${arm.name}`;
  const apps = startApps(PORT_BASE, logName, arm.env, () => arm.nodeFlags);
  try {
    await waitHealthy(apps, logName);
    const setup = await setUpLoad({
      gateway: gatewayOf(apps),
      kafkaBrokers: brokers,
      ...benchmarkMix('arms'),
    });
    try {
      const limits: LimitsSeen = {};
      const run = (rate: number, durationS: number, settleMs: number) =>
        loadRun({ rate, durationS, maxInFlight: 2_000, settleMs }, { ...setup, stats: setup.stats.current, limits });
      console.log(`\n== round ${round + 1}, ${arm.name}: warming up, 5 orders/s for 15 s (not counted)`);
      await run(5, 15, 5_000);
      const warmMb = apps.reduce((total, { child }) => total + (statusField(child.pid!, 'VmRSS') ?? NaN), 0) / KB_PER_MB;
      setup.stats.current = new LoadStats();
      const cpuNow = () => new Map(apps.map(({ service, child }) => [service, cpuTicksOf(child.pid!)?.self ?? NaN]));
      console.log(`== round ${round + 1}, ${arm.name}: ${RATE} orders/s for ${SECONDS} s, measured`);
      const speedSampler = startSpeedSampler();
      const before = cpuNow();
      await run(RATE, SECONDS, 5_000);
      const after = cpuNow();
      const speed = await speedSampler.stop();
      const decided = decidedCount(setup.stats.current.figures());
      console.log(`== round ${round + 1}, ${arm.name}: ${BURST} orders/s for 20 s, then the peaks`);
      await run(BURST, 20, 5_000);
      return {
        round,
        arm: arm.name,
        decided,
        cpuMs: Object.fromEntries(apps.map(({ service }) => [service, ((after.get(service)! - before.get(service)!) * 1_000) / ticksPerSecond])),
        slowdown: speed?.slowdown,
        warmMb,
        peaksMb: Object.fromEntries(apps.map(({ service, child }) => [service, (statusField(child.pid!, 'VmHWM') ?? NaN) / KB_PER_MB])),
      };
    } finally {
      await setup.stop();
    }
  } finally {
    await stopApps(apps);
  }
}

const startedAt = new Date();
const machineBefore = machineNow();
const runs: ArmRun[] = [];
for (let round = 0; round < ROUNDS; round++) for (const arm of roundOrder(arms, round)) runs.push(await runArm(arm, round));
const machineAfter = machineNow();

const describe = (arm: Arm) => [...arm.nodeFlags, ...Object.entries(arm.env).map(([name, value]) => `${name}=${value}`)].map((word) => `\`${word}\``).join(' ') || 'as ./shop up starts them';
const report = [
  `# Arms — ${startedAt.toISOString()}`,
  '',
  '`./shop bench arms` (bench/arms.ts): each arm a fresh start of the seven apps as `./shop up` starts them, with its own Node flags ' +
    'or environment besides, on the running infrastructure; 15 s at 5 orders/s (not counted), then ' +
    `${RATE} orders/s for ${SECONDS} s: each app's CPU (user + system, /proc) per order decided in that window, and the machine's speed ` +
    '(a slice of reference work beside it, bench/machine: the CPU "at the reference speed" is divided by its slowdown); then ' +
    `${BURST} orders/s for 20 s, and each app's peak resident memory since its start (VmHWM). After warm-up: the apps' RSS summed just before ` +
    'the measured window. Rounds alternate the arms\' order. Only the apps are measured, not Kafka, PostgreSQL or Mailpit.',
  '',
  `Machine: ${os.cpus().length} cores, Node ${process.version}. Load averages before: ${machineBefore.load}; after: ${machineAfter.load}.`,
  '',
  ...arms.map((arm) => `- \`${arm.name}\`: ${describe(arm)}`),
  '',
  ...formatArmsTables(arms, runs, SERVICES),
  '',
].join('\n');
const file = reportFile('arms', startedAt, path.join(repoRoot, 'bench/reports'));
fs.writeFileSync(file, report);
console.log(`\n${report}\nwritten: ${path.relative(repoRoot, file)}`);
