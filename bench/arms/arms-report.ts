import type { Arm } from './arm-spec.ts';

/** What one arm did in one round. */
export interface ArmRun {
  round: number;
  arm: string;
  /** Orders decided in the measured window. */
  decided: number;
  /** Each app's CPU in the window, ms (user + system, /proc). */
  cpuMs: Record<string, number>;
  /** The machine's slowdown against the reference in the window (bench/machine); undefined if unmeasured. */
  slowdown: number | undefined;
  /** The apps' resident memory summed after the warm-up, just before the window, MB. */
  warmMb: number;
  /** Each app's peak resident memory (VmHWM) at the end of the burst, MB. */
  peaksMb: Record<string, number>;
}

const sum = (values: Record<string, number>) => Object.values(values).reduce((total, value) => total + value, 0);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const perOrder = (run: ArmRun) => sum(run.cpuMs) / run.decided;
const atReference = (run: ArmRun) => (run.slowdown ? perOrder(run) / run.slowdown : undefined);
const fixed = (value: number | undefined, digits = 1) => (value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

/** The report's tables: every run in the order it ran, then each arm's medians against the first arm's. */
export function formatArmsTables(arms: readonly Arm[], runs: readonly ArmRun[], apps: readonly string[]): string[] {
  const byRun = [
    `| round | arm | decided | apps' CPU ms / order | at the reference speed | ${apps.join(' | ')} | after warm-up MB | peaks MB | largest |`,
    `| ---: | --- | ---: | ---: | ---: | ${apps.map(() => '---:').join(' | ')} | ---: | ---: | ---: |`,
    ...runs.map((run) =>
      `| ${run.round + 1} | ${run.arm} | ${run.decided} | ${fixed(perOrder(run))} | ${fixed(atReference(run))} | ` +
      `${apps.map((app) => fixed((run.cpuMs[app] ?? NaN) / run.decided, 2)).join(' | ')} | ${fixed(run.warmMb, 0)} | ${fixed(sum(run.peaksMb), 0)} | ${fixed(Math.max(...Object.values(run.peaksMb)), 0)} |`,
    ),
  ];
  const medians = arms.map((arm) => {
    const own = runs.filter((run) => run.arm === arm.name);
    const reference = own.map(atReference).filter((value): value is number => value !== undefined);
    return {
      arm: arm.name,
      rounds: own.length,
      cpu: own.length ? median(own.map(perOrder)) : NaN,
      cpuAtReference: reference.length ? median(reference) : undefined,
      peaks: own.length ? median(own.map((run) => sum(run.peaksMb))) : NaN,
    };
  });
  const first = medians[0]!;
  const ratio = (value: number | undefined, against: number | undefined) => (value && against ? `${(value / against).toFixed(2)}×` : '–');
  const byArm = [
    "| arm | rounds | apps' CPU ms / order, median | at the reference speed | vs the first arm | peaks MB, median | vs the first arm |",
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...medians.map((m) => `| ${m.arm} | ${m.rounds} | ${fixed(m.cpu)} | ${fixed(m.cpuAtReference)} | ${ratio(m.cpuAtReference ?? m.cpu, first.cpuAtReference ?? first.cpu)} | ${fixed(m.peaks, 0)} | ${ratio(m.peaks, first.peaks)} |`),
  ];
  return [...byArm, '', ...byRun];
}
