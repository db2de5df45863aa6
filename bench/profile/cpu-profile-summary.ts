// What a V8 CPU profile (.cpuprofile, written by node --cpu-prof) says about
// one app over a window of time: how long its main thread was busy, and where
// that time went by package (self time, and inclusive: every package on the
// sample's stack) and by function.
import { Tally } from './tally.ts';

/** The parts of V8's profile format read here (Chrome DevTools' .cpuprofile). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number }; children?: number[] }[];
  /** Microseconds, V8's monotonic clock (CLOCK_MONOTONIC on Linux, as process.hrtime). */
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds between consecutive samples; the first is from startTime. */
  timeDeltas: number[];
}

export interface Share {
  name: string;
  ms: number;
}

export interface ProfileSummary {
  /** Time the main thread was running JavaScript, native code or the collector, in the window. */
  busyMs: number;
  windowMs: number;
  selfByPackage: Share[];
  /**
   * Each sample charged to the innermost package on its stack whose code is
   * not Node's own or V8's: a socket write or a Buffer copy counts for pg,
   * kafkajs or nodemailer, whichever asked for it, where `selfByPackage`
   * puts it under (native) or node. The collector stays (gc): it runs on
   * nobody's behalf in particular.
   */
  chargedByPackage: Share[];
  inclusiveByPackage: Share[];
  topFunctions: Share[];
}

// V8's pseudo-frames: idle is not work; the others are work of no package.
const IDLE = '(idle)';
const PSEUDO = new Set(['(garbage collector)', '(program)', '(root)']);

/** The package a frame's script belongs to: an npm package, a workspace app or lib, Node itself, or V8's own work. */
export function packageOf(functionName: string, url: string): string {
  if (PSEUDO.has(functionName)) return functionName === '(garbage collector)' ? '(gc)' : '(v8)';
  if (!url) return '(native)';
  const npm = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//);
  if (npm) return npm[1]!;
  const workspace = url.match(/\/(apps|libs)\/([^/]+)\//);
  if (workspace) return `${workspace[1]}/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node';
  if (url.startsWith('wasm:')) return '(wasm)';
  return url;
}

/** Sums the profile's samples taken in [fromUs, toUs] (the whole profile by default). */
export function summarizeProfile(profile: CpuProfile, window: { fromUs?: number; toUs?: number } = {}, top = 10): ProfileSummary {
  const fromUs = window.fromUs ?? profile.startTime;
  const toUs = window.toUs ?? profile.endTime;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  // Each sample stands for the time until the next one.
  const selfUs = new Map<number, number>();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    const lasted = profile.timeDeltas[i + 1] ?? 0;
    if (at < fromUs || at > toUs) continue;
    selfUs.set(profile.samples[i]!, (selfUs.get(profile.samples[i]!) ?? 0) + lasted);
  }

  const selfByPackage = new Tally();
  const chargedByPackage = new Tally();
  const inclusiveByPackage = new Tally();
  const byFunction = new Tally();
  let busyUs = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === IDLE) continue;
    busyUs += us;
    const pkg = packageOf(functionName, url);
    selfByPackage.add(pkg, us);
    byFunction.add(`${functionName || '(anonymous)'} (${pkg}${url ? `:${lineNumber + 1}` : ''})`, us);
    // From the sample's own frame outwards: the first package that is a library, an app or a lib is charged.
    const onStack: string[] = [];
    for (let frame: number | undefined = id; frame !== undefined; frame = parentOf.get(frame)) {
      const callFrame = byId.get(frame)!.callFrame;
      onStack.push(packageOf(callFrame.functionName, callFrame.url));
    }
    // Node's own frames (the event loop, streams, timers) are under nearly everything: left out of both.
    const named = onStack.filter((name) => !name.startsWith('(') && name !== 'node');
    chargedByPackage.add(named[0] ?? pkg, us);
    for (const name of new Set(named)) inclusiveByPackage.add(name, us);
  }
  return {
    busyMs: busyUs / 1_000,
    windowMs: (toUs - fromUs) / 1_000,
    selfByPackage: inMs(selfByPackage, top),
    chargedByPackage: inMs(chargedByPackage, top),
    inclusiveByPackage: inMs(inclusiveByPackage, top),
    topFunctions: inMs(byFunction, top),
  };
}

function inMs(tally: Tally, top: number): Share[] {
  return tally.ranked(top).map(([name, us]) => ({ name, ms: us / 1_000 }));
}
