// `./shop bench scale`: what a second replica of every app and a three-node
// Kafka cluster cost and buy on this machine. For each layout (brokers ×
// replicas) a shop of its own is started with `./shop up --brokers B
// --replicas R` (its state in a temporary folder, its ports moved by
// BENCH_PORT_OFFSET) and, with orders placed at a steady rate throughout:
//   steady       the CPU of every process per decided order, their memory (PSS), due→decided latency
//   app kill     the order service's and the gateway's replica 1 SIGKILLed: requests refused,
//                the slowest order, the order topic's peak consumer lag
//   broker kill  one Kafka node SIGKILLed, started again BENCH_BROKER_DOWN_S later: the same
// Writes bench/reports/scale-<date>.md. Run by infra/bench.sh (tsx: it reuses the
// end-to-end tests' NativeInstance, ShopUp and NativeTarget).
//
//   BENCH_LAYOUTS        brokers×replicas, comma-separated (default 1x1,1x2,3x1: each against one of everything; 3x2 too)
//   BENCH_RATE           orders/s throughout (default 4: about half of what one replica of everything takes)
//   BENCH_STEADY_S       seconds of the steady run (default 60)
//   BENCH_FAULT_S        seconds of each fault's window; the fault comes 5 s in (default 40)
//   BENCH_BROKER_DOWN_S  seconds a killed broker stays down (default 10)
//   BENCH_PORT_OFFSET    the layouts' port offset (default 7500: beside a shop of ./shop up, every port out of the kernel's ephemeral range)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ChaosTarget, NativeTarget } from '../e2e/chaos/chaos-target.ts';
import { NativeInstance } from '../e2e/support/native-instance.ts';
import { ShopUp } from '../e2e/support/shop-up.ts';
import { loadRun } from './load/load-run.ts';
import { decidedCount, LoadStats } from './load/load-stats.ts';
import { benchmarkMix, type LoadSetup, LoadSetupError, setUpLoad } from './load/load-setup.ts';
import type { LimitsSeen } from './load/summary-table.ts';
import { machineNow, repoRoot, UNLIMITED, waitFor } from './native-shop.ts';
import { type FaultFigures, formatScaleReport, type Layout, type LayoutRun, layoutName } from './scale/scale-report.ts';
import { CpuWindow, pssMb } from './scale/shop-footprint.ts';
import { reportFile } from './report-file.ts';

const LAYOUTS: Layout[] = (process.env.BENCH_LAYOUTS ?? '1x1,1x2,3x1').split(',').map((text) => {
  const [brokers, replicas] = text.split('x').map(Number);
  if (![1, 3].includes(brokers!) || !(replicas! >= 1 && replicas! <= 9)) throw new Error(`BENCH_LAYOUTS: expected brokers×replicas like 3x2 (1 or 3 brokers, 1-9 replicas), got ${text}`);
  return { brokers: brokers!, replicas: replicas! };
});
const RATE = Number(process.env.BENCH_RATE ?? 4);
const STEADY_S = Number(process.env.BENCH_STEADY_S ?? 60);
const FAULT_S = Number(process.env.BENCH_FAULT_S ?? 40);
const BROKER_DOWN_S = Number(process.env.BENCH_BROKER_DOWN_S ?? 10);
const PORT_OFFSET = Number(process.env.BENCH_PORT_OFFSET ?? 7500);
/** Into each fault's window, when it comes: the orders before it show the latency it disturbs. */
const FAULT_AT_S = 5;
const WARMUP_S = 10;
/** After a window's last request, how long its decisions are waited for. */
const SETTLE_MS = 60_000;
const MAX_IN_FLIGHT = 2_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Orders at RATE for `durationS` with `during` run alongside; the figures of the orders of this window only. */
async function placeOrders(setup: LoadSetup, durationS: number, during: () => Promise<void> = async () => undefined): Promise<FaultFigures> {
  const stats = new LoadStats();
  setup.stats.current = stats;
  const limits: LimitsSeen = {};
  let peakLag = 0;
  let sampling = true;
  const lagSampler = (async () => {
    while (sampling) {
      const lag = await setup.lag.read().catch(() => undefined);
      if (lag) peakLag = Math.max(peakLag, Object.values(lag).reduce((sum, behind) => sum + behind, 0));
      await sleep(1_000);
    }
  })();
  const [undecided] = await Promise.all([
    loadRun({ rate: RATE, durationS, maxInFlight: MAX_IN_FLIGHT, settleMs: SETTLE_MS }, { ...setup, stats, limits }),
    during(),
  ]);
  sampling = false;
  await lagSampler;
  const figures = stats.figures();
  return { sent: figures.sent, accepted: figures.accepted, failures: figures.failures, decided: decidedCount(figures), undecided, dueToDecided: figures.dueToDecided, peakLag };
}

async function measureLayout(layout: Layout): Promise<LayoutRun> {
  const instance = new NativeInstance(PORT_OFFSET);
  // The benchmark measures the shop, not the gateway's budget per caller.
  Object.assign(instance.env, UNLIMITED);
  await instance.resolve();
  let shop: ShopUp | undefined;
  let setup: LoadSetup | undefined;
  try {
    console.log(`\n== ${layoutName(layout)}: starting (state ${instance.state})`);
    const started = performance.now();
    shop = await ShopUp.start(instance, ['--brokers', String(layout.brokers), '--replicas', String(layout.replicas)]);
    const startS = (performance.now() - started) / 1_000;
    const target = await NativeTarget.open(instance.env);
    setup = await loadSetUpOnceServing(target);

    console.log(`== ${layoutName(layout)}: warming up (${WARMUP_S} s, not counted)`);
    await placeOrders(setup, WARMUP_S);
    console.log(`== ${layoutName(layout)}: steady, ${RATE} orders/s for ${STEADY_S} s`);
    const cpu = new CpuWindow(instance.state);
    const steadyOrders = await placeOrders(setup, STEADY_S);
    const steady = { decided: steadyOrders.decided, failures: steadyOrders.failures, dueToDecided: steadyOrders.dueToDecided, cpuMs: cpu.cpuMsSince(), memoryMb: pssMb(instance.state) };

    console.log(`== ${layoutName(layout)}: the order service's and the gateway's replica 1 killed`);
    const appKill = await placeOrders(setup, FAULT_S, () => killReplicaOne(target, ['order', 'gateway']));
    await waitAllHealthy(target);
    console.log(`== ${layoutName(layout)}: a Kafka node killed, started again after ${BROKER_DOWN_S} s`);
    const brokerKill = await placeOrders(setup, FAULT_S, async () => {
      await sleep(FAULT_AT_S * 1_000);
      await target.killBroker();
      await sleep(BROKER_DOWN_S * 1_000);
      await target.startKilledBroker();
    });
    return { layout, startS, steady, appKill, brokerKill };
  } finally {
    await setup?.stop();
    await shop?.stop();
    await instance.dispose();
  }
}

/**
 * The load's set-up, tried again while the shop answers 503: "all up" means every app's /health
 * is 200, yet a request-reply call can still wait for its group's first rebalance to end.
 */
async function loadSetUpOnceServing(target: ChaosTarget): Promise<LoadSetup> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      return await setUpLoad({ gateway: target.gatewayUrl, kafkaBrokers: target.kafkaBrokers, kafkaLogin: target.kafkaLogin, ...benchmarkMix('scale') });
    } catch (error) {
      if (!(error instanceof LoadSetupError) || Date.now() > deadline) throw error;
      await sleep(1_000);
    }
  }
}

/** Replica 1 of each service (the only process, with one replica), SIGKILLed FAULT_AT_S into the window. */
async function killReplicaOne(target: ChaosTarget, services: string[]): Promise<void> {
  await sleep(FAULT_AT_S * 1_000);
  const apps = await target.apps();
  for (const service of services) await target.killApp(apps.includes(service) ? service : `${service}#1`);
}

function waitAllHealthy(target: ChaosTarget): Promise<true> {
  return waitFor('every app healthy again after the kills', async () => (Object.values(await target.health()).every(Boolean) ? true : undefined), 120_000);
}

const loadBefore = os.loadavg().map((value) => value.toFixed(2)).join(', ');
const runs: LayoutRun[] = [];
for (const layout of LAYOUTS) runs.push(await measureLayout(layout));
const { load: loadAfter, busiest } = machineNow();
const date = new Date().toISOString().slice(0, 10);
const report = formatScaleReport({
  date,
  machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), loadBefore, loadAfter, busiest },
  rate: RATE,
  steadyS: STEADY_S,
  faultS: FAULT_S,
  brokerDownS: BROKER_DOWN_S,
  command: './shop bench scale',
  runs,
});
const file = reportFile('scale', new Date(), path.join(repoRoot, 'bench/reports'));
fs.writeFileSync(file, report);
console.log(`\n${report}\nreport: ${path.relative(repoRoot, file)}`);
// The load's Kafka clients may still hold timers after their bounded stop.
process.exit(0);
