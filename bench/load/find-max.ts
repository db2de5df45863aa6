// --find-max: the rate stepped up until the shop no longer keeps up. A step is
// good while at most 1% of its requests fail and p99 placed→decided stays
// within 1 s; orders still undecided when the step ends count as slower than
// that (a shop falling behind would otherwise look fast: only its quick
// decisions would have been measured).
import { failureCount, type LoadFigures } from './load-stats.ts';

export const MAX_FAILURE_SHARE = 0.01;
export const MAX_P99_DECIDED_MS = 1_000;
export const FIRST_RATE = 5;
export const GROWTH = 1.5;

export interface StepResult {
  rate: number;
  figures: LoadFigures;
  undecided: number;
}

/** Why a step is not sustainable, or undefined when it is. */
export function stepVerdict({ figures, undecided }: StepResult): string | undefined {
  const attempts = figures.sent + (figures.failures.dropped ?? 0);
  const failures = failureCount(figures);
  if (attempts > 0 && failures / attempts > MAX_FAILURE_SHARE) return `errors ${((100 * failures) / attempts).toFixed(1)}% > ${100 * MAX_FAILURE_SHARE}%`;
  if (figures.placedToDecided.p99 > MAX_P99_DECIDED_MS) return `p99 placed→decided ${figures.placedToDecided.p99.toFixed(0)} ms > ${MAX_P99_DECIDED_MS} ms`;
  const waited = figures.placedToDecided.count + undecided;
  if (waited > 0 && undecided / waited > 1 - 0.99) return `${undecided} of ${figures.accepted} accepted orders not decided at the step's end`;
  return undefined;
}

/** The rate after `rate`: ×1.5, at least one more. */
export const nextRate = (rate: number): number => Math.max(rate + 1, Math.round(rate * GROWTH));

export function formatSteps(steps: (StepResult & { verdict: string | undefined })[]): string {
  return [
    '| rate/s | sent | accepted | decided | errors | POST p99 ms | placed→decided p50 / p99 ms | undecided | verdict |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...steps.map(({ rate, figures, undecided, verdict }) =>
      [
        rate,
        figures.sent,
        figures.accepted,
        figures.placedToDecided.count,
        failureCount(figures),
        figures.post.p99.toFixed(0),
        `${figures.placedToDecided.p50.toFixed(0)} / ${figures.placedToDecided.p99.toFixed(0)}`,
        undecided,
        verdict ?? 'ok',
      ].join(' | ').replace(/^/, '| ').concat(' |'),
    ),
  ].join('\n');
}
