// `./shop bench profile`: where the apps' CPU goes per order. The seven apps
// are started as ./shop up starts them (bench/native-shop.ts), each under
// node --cpu-prof, on the running infrastructure; the load generator's open
// loop places orders for a while; the apps stop (V8 writes each profile at
// exit) and every profile is read over the load's window only (start-up and
// warm-up left out). Each app's CPU per decided order comes from /proc (the
// sampler's wall-clock "busy" time swells when the cores are shared), with the
// kernel's part of it; the profile says where it went, by package and by
// function. Over the same window V8's sampling heap profiler, through each
// app's inspector (profile/heap-sampler.ts), counts the bytes each package's
// code allocated per order, garbage included: what keeps the collector busy.
// Writes bench/reports/profile-<date>.md; the profiles stay in
// .local/profiles/<date>/ for a flame graph (Chrome DevTools' Performance
// panel, or speedscope, open .cpuprofile files; its Memory panel the
// allocations' .heapprofile files).
//
//   BENCH_PROFILE_RATE      orders a second (default 4, about half of what 2 cores decide)
//   BENCH_PROFILE_SECONDS   seconds of load (default 60)
//   SHOP_TRACE_SAMPLE_RATIO the apps' trace sampling (default 0.1, production-like)
//   BENCH_PORT_BASE         first port of the apps (default 3970 + SHOP_PORT_OFFSET)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRun } from './load/load-run.ts';
import { decidedCount } from './load/load-stats.ts';
import { benchmarkMix, setUpLoad } from './load/load-setup.ts';
import type { LimitsSeen } from './load/summary-table.ts';
import { clockTicksPerSecond, cpuTicksOf } from './capacity/proc-stat.ts';
import { atReferenceSpeed, describeMachineSpeed, type MachineSpeed, startSpeedSampler } from './machine/speed-sampler.ts';
import { gatewayOf, machineNow, native, repoRoot, SERVICES, startApps, stopApps, waitHealthy } from './native-shop.ts';
import { type AllocationSummary, type ByteShare, type SamplingHeapProfile, summarizeAllocations } from './profile/allocation-summary.ts';
import { bundleSourceMaps, withOriginalSources } from './profile/bundle-frames.ts';
import { type CpuProfile, type ProfileSummary, type Share, summarizeProfile } from './profile/cpu-profile-summary.ts';
import { HeapSampler } from './profile/heap-sampler.ts';
import { reportFile } from './report-file.ts';

const RATE = Number(process.env.BENCH_PROFILE_RATE ?? 4);
const SECONDS = Number(process.env.BENCH_PROFILE_SECONDS ?? 60);
const SAMPLE_RATIO = process.env.SHOP_TRACE_SAMPLE_RATIO ?? '0.1';
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3970 + Number(process.env.SHOP_PORT_OFFSET ?? 0));
for (const [name, value] of Object.entries({ RATE, SECONDS, PORT_BASE })) {
  if (!(value > 0)) throw new Error(`profile: ${name} must be a positive number, got ${value}`);
}
const LOG_NAME = 'bench-profile';
const startedAt = new Date().toISOString();
const stamp = startedAt.slice(0, 16).replace(/[-:]/g, '');
const profiles = path.join(repoRoot, '.local/profiles', stamp);
fs.mkdirSync(profiles, { recursive: true });
const brokers = native('echo "$KAFKA_BROKERS"').trim().split(',');
// A sample every 4 ms rather than V8's 1 ms: a quarter of the sampler's own cost, enough samples for shares over a minute.
const SAMPLE_INTERVAL_US = 4_000;
// One allocation recorded in every 128 KB or so: an app allocating 1-3 MB an order gives thousands of samples a minute, each a stack walk.
const ALLOCATION_SAMPLE_BYTES = 128 * 1024;
/** Each app's inspector, on loopback, beside the apps' own ports. */
const inspectorPort = (service: string) => PORT_BASE + 10 + SERVICES.indexOf(service);
/** The monotonic clock V8 stamps its samples with, in microseconds. */
const nowUs = () => Number(process.hrtime.bigint() / 1_000n);

console.log(`profile: ${SECONDS} s at ${RATE} orders/s, trace sampling ${SAMPLE_RATIO}, apps on ${PORT_BASE}+, profiles in ${path.relative(repoRoot, profiles)}`);
const before = machineNow();
const apps = startApps(PORT_BASE, LOG_NAME, { SHOP_TRACE_SAMPLE_RATIO: SAMPLE_RATIO }, (service) => [
  '--cpu-prof',
  `--cpu-prof-interval=${SAMPLE_INTERVAL_US}`,
  `--cpu-prof-dir=${profiles}`,
  `--cpu-prof-name=${service}.cpuprofile`,
  `--inspect=127.0.0.1:${inspectorPort(service)}`,
]);
let window: { fromUs: number; toUs: number };
let decided: number;
/** Each app's CPU seconds in the window, from /proc/<pid>/stat: user + system, and system alone. */
const cpuSeconds = new Map<string, { all: number; kernel: number }>();
const ticksPerSecond = clockTicksPerSecond();
const cpuNow = () =>
  new Map(
    apps.map(({ service, child }) => {
      const ticks = cpuTicksOf(child.pid!);
      return [service, { all: (ticks?.self ?? NaN) / ticksPerSecond, kernel: (ticks?.kernel ?? NaN) / ticksPerSecond }];
    }),
  );
/** Each app's allocations in the window. */
const heapProfiles = new Map<string, SamplingHeapProfile>();
let speed: MachineSpeed | undefined;
try {
  await waitHealthy(apps, LOG_NAME);
  const setup = await setUpLoad({
    gateway: gatewayOf(apps),
    kafkaBrokers: brokers,
    ...benchmarkMix('profile'),
  });
  try {
    const limits: LimitsSeen = {};
    // A short warm-up at the same rate, outside the window: the first orders compile code paths and fill pools.
    await loadRun({ rate: RATE, durationS: 10, maxInFlight: 2_000, settleMs: 5_000 }, { ...setup, stats: setup.stats.current, limits });
    const decidedBefore = decidedCount(setup.stats.current.figures());
    const samplers = await Promise.all(apps.map(({ service }) => HeapSampler.attach(inspectorPort(service))));
    await Promise.all(samplers.map((sampler) => sampler.start(ALLOCATION_SAMPLE_BYTES)));
    const speedSampler = startSpeedSampler();
    const fromUs = nowUs();
    const cpuBefore = cpuNow();
    await loadRun({ rate: RATE, durationS: SECONDS, maxInFlight: 2_000, settleMs: 15_000 }, { ...setup, stats: setup.stats.current, limits });
    window = { fromUs, toUs: nowUs() };
    const cpuAfter = cpuNow();
    speed = await speedSampler.stop();
    for (const [service, { all, kernel }] of cpuAfter) {
      const then = cpuBefore.get(service)!;
      cpuSeconds.set(service, { all: all - then.all, kernel: kernel - then.kernel });
    }
    for (const [i, sampler] of samplers.entries()) {
      const { service } = apps[i]!;
      const profile = await sampler.stop();
      sampler.close();
      heapProfiles.set(service, profile);
      fs.writeFileSync(path.join(profiles, `${service}.heapprofile`), JSON.stringify(profile));
    }
    decided = decidedCount(setup.stats.current.figures()) - decidedBefore;
  } finally {
    await setup.stop();
  }
} finally {
  await stopApps(apps);
}
const after = machineNow();

const summaries = new Map<string, ProfileSummary>(
  apps.map(({ service }) => {
    const profile = JSON.parse(fs.readFileSync(path.join(profiles, `${service}.cpuprofile`), 'utf8')) as CpuProfile;
    // Maps read for one app at a time: a bundle's parsed map takes ~90 MB of heap.
    return [service, summarizeProfile(withOriginalSources(profile, bundleSourceMaps()), window, 8)];
  }),
);
const allocations = new Map<string, AllocationSummary>([...heapProfiles].map(([service, profile]) => [service, summarizeAllocations(profile, bundleSourceMaps(), 8)]));
const perOrder = (ms: number) => (decided > 0 ? (ms / decided).toFixed(2) : '–');
const kbPerOrder = (bytes: number) => (decided > 0 ? (bytes / 1024 / decided).toFixed(0) : '–');
const percent = (share: Share, of: ProfileSummary) => `${share.name} ${((100 * share.ms) / of.busyMs).toFixed(0)}%`;
const totalCpuMs = [...cpuSeconds.values()].reduce((sum, { all }) => sum + all * 1_000, 0);
const totalAllocated = [...allocations.values()].reduce((sum, { bytes }) => sum + bytes, 0);

const report = [
  `# Profile — ${new Date().toISOString()}`,
  '',
  '`./shop bench profile` (bench/profile.ts): the seven apps as `./shop up` starts them, each under `node --cpu-prof`, ' +
    `${RATE} orders/s for ${SECONDS} s through the gateway (after 10 s of warm-up), trace sampling ${SAMPLE_RATIO}. ` +
    'Each profile is read over the load\'s window only (the sampler at one sample every 4 ms, its own cost included in the CPU). ' +
    'CPU: user + system time of the process from /proc in the window; kernel: the system part of it (every system call, and ' +
    'the loopback network they drive). The shares are of the main thread\'s busy samples: ' +
    'self, the package whose code ran ((native): a call into C++, such as a socket write; (gc): the collector); charged, ' +
    'the innermost library, app or lib on the stack (a socket write counts for the client that made it, Node\'s own code ' +
    'for whoever called it); on the stack, every package below which it ran (a caller is charged for what it calls). The sampler counts a sample where the thread ' +
    'was when it got to run, so on shared cores a write that woke another process can be charged for the time it waited: ' +
    "(native) can exceed the kernel's share of the CPU. " +
    `Allocated: the bytes each app allocated in the window, garbage included (V8's sampling heap profiler, one sample every ~${ALLOCATION_SAMPLE_BYTES / 1024} KB), ` +
    "charged to the package whose code asked for them (a built-in's bytes to its caller's).",
  '',
  `Machine: ${os.cpus().length} cores, Node ${process.version}. Load averages before: ${before.load}; after: ${after.load}.`,
  `Profiles: \`${path.relative(repoRoot, profiles)}/<app>.cpuprofile\` (open one in Chrome DevTools' Performance panel or speedscope for a flame graph) ` +
    `and \`<app>.heapprofile\` (the allocations: DevTools' Memory panel).`,
  '',
  `**${decided} orders decided in the window; the seven apps' CPU: ${perOrder(totalCpuMs)} ms per decided order` +
    `${speed ? ` (${perOrder(atReferenceSpeed(totalCpuMs, speed))} at the reference speed)` : ''}; they allocated ${kbPerOrder(totalAllocated)} KB per decided order.**`,
  '',
  describeMachineSpeed(speed),
  '',
  '| app | CPU s | CPU ms / decided order | kernel | self: top packages | charged: top packages | on the stack | allocated KB / decided order | allocated by |',
  '| --- | ---: | ---: | ---: | --- | --- | --- | ---: | --- |',
  ...[...summaries].map(([service, summary]) => {
    const { all, kernel } = cpuSeconds.get(service)!;
    const allocated = allocations.get(service)!;
    const allocatedShare = (share: ByteShare) => `${share.name} ${((100 * share.bytes) / allocated.bytes).toFixed(0)}%`;
    return `| ${service} | ${all.toFixed(2)} | ${perOrder(all * 1_000)} | ${((100 * kernel) / all).toFixed(0)}% | ${summary.selfByPackage.slice(0, 5).map((share) => percent(share, summary)).join(', ')} | ${summary.chargedByPackage.slice(0, 5).map((share) => percent(share, summary)).join(', ')} | ${summary.inclusiveByPackage.slice(0, 5).map((share) => percent(share, summary)).join(', ')} | ${kbPerOrder(allocated.bytes)} | ${allocated.selfByPackage.slice(0, 5).map(allocatedShare).join(', ')} |`;
  }),
  '',
  '## Top functions (self time), per app',
  '',
  ...[...summaries].flatMap(([service, summary]) => [
    `### ${service}`,
    '',
    ...summary.topFunctions.map((share) => `- ${((100 * share.ms) / summary.busyMs).toFixed(1)}% ${share.name}`),
    '',
  ]),
  '## Top functions (bytes allocated), per app',
  '',
  ...[...allocations].flatMap(([service, allocated]) => [
    `### ${service}`,
    '',
    ...allocated.topFunctions.map((share) => `- ${kbPerOrder(share.bytes)} KB / order ${share.name}`),
    '',
  ]),
].join('\n');
const file = reportFile('profile', new Date(startedAt), path.join(repoRoot, 'bench/reports'));
fs.writeFileSync(file, report);
console.log(report);
console.log(`\nwritten: ${path.relative(repoRoot, file)}`);
