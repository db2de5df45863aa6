// The targets of issue 15 for the shop's capacity, judged on a run's figures.
import type { ComponentCpuMs, RatioRun } from './capacity-run.ts';
import { BENCH, OTHER_BACKENDS } from './components.ts';

export const TARGETS = {
  cpuMsPerOrderAtLowSampling: 45,
  lowSamplingRatio: 0.1,
  fullSamplingFactor: 1.3,
  maxRate: 50,
  p99ConfirmedMs: 300,
  appPeakRssMb: 120,
  appsPeakRssMb: 800,
} as const;

export interface Verdict {
  target: string;
  figure: string;
  /** undefined: not measured in this run. */
  pass: boolean | undefined;
}

/** The shop's own processes: not the benchmark, not backends serving other clients. */
export const shopCpu = (cpu: readonly ComponentCpuMs[]): ComponentCpuMs[] => cpu.filter((c) => c.component !== BENCH && c.component !== OTHER_BACKENDS);

export function cpuMsPerOrder(run: RatioRun): number | undefined {
  const measured = run.measured;
  if (!measured || measured.decidedInWindow === 0) return undefined;
  return shopCpu(measured.cpu).reduce((sum, c) => sum + c.cpuMs, 0) / measured.decidedInWindow;
}

const mb = (kb: number) => kb / 1024;

export function judge(runs: readonly RatioRun[]): Verdict[] {
  const at = (ratio: number) => runs.find((run) => run.ratio === ratio);
  const low = at(TARGETS.lowSamplingRatio);
  const full = at(1);
  const lowCpu = low && cpuMsPerOrder(low);
  const fullCpu = full && cpuMsPerOrder(full);
  const verdicts: Verdict[] = [
    {
      target: `CPU per decided order, all processes, at ratio ${TARGETS.lowSamplingRatio} ≤ ${TARGETS.cpuMsPerOrderAtLowSampling} ms`,
      figure: lowCpu === undefined ? 'not measured' : `${lowCpu.toFixed(1)} ms`,
      pass: lowCpu === undefined ? undefined : lowCpu <= TARGETS.cpuMsPerOrderAtLowSampling,
    },
    {
      target: `CPU per decided order at ratio 1 ≤ ${TARGETS.fullSamplingFactor}× that at ${TARGETS.lowSamplingRatio}`,
      figure: lowCpu === undefined || fullCpu === undefined ? 'not measured' : `${fullCpu.toFixed(1)} ms = ${(fullCpu / lowCpu).toFixed(2)}×`,
      pass: lowCpu === undefined || fullCpu === undefined ? undefined : fullCpu <= TARGETS.fullSamplingFactor * lowCpu,
    },
  ];
  for (const run of runs) {
    const label = `(ratio ${run.ratio})`;
    verdicts.push({
      target: `maximum sustainable ≥ ${TARGETS.maxRate} orders/s ${label}`,
      figure: run.max === undefined ? `not even ${run.steps[0]?.rate ?? '?'}/s` : `${run.max}/s`,
      pass: (run.max ?? 0) >= TARGETS.maxRate,
    });
    const measured = run.measured;
    const confirmed = measured?.placedToConfirmed;
    verdicts.push({
      target: `p99 placed→confirmed ≤ ${TARGETS.p99ConfirmedMs} ms at half the maximum ${label}`,
      figure: !confirmed || confirmed.count === 0 ? 'not measured' : `${confirmed.p99.toFixed(0)} ms at ${measured.rate}/s`,
      pass: !confirmed || confirmed.count === 0 ? undefined : confirmed.p99 <= TARGETS.p99ConfirmedMs,
    });
    const peaks = Object.entries(measured?.peakRssKb ?? {});
    const largest = peaks.reduce<[string, number] | undefined>((top, entry) => (!top || entry[1] > top[1] ? entry : top), undefined);
    verdicts.push({
      target: `each app ≤ ${TARGETS.appPeakRssMb} MB peak RSS ${label}`,
      figure: largest ? `largest ${largest[0]} ${mb(largest[1]).toFixed(0)} MB; over: ${peaks.filter(([, kb]) => mb(kb) > TARGETS.appPeakRssMb).map(([app]) => app).join(', ') || 'none'}` : 'not measured',
      pass: largest ? peaks.every(([, kb]) => mb(kb) <= TARGETS.appPeakRssMb) : undefined,
    });
    const sum = peaks.reduce((total, [, kb]) => total + kb, 0);
    verdicts.push({
      target: `the seven apps together ≤ ${TARGETS.appsPeakRssMb} MB peak RSS ${label}`,
      figure: peaks.length ? `${mb(sum).toFixed(0)} MB` : 'not measured',
      pass: peaks.length ? mb(sum) <= TARGETS.appsPeakRssMb : undefined,
    });
  }
  return verdicts;
}
