// --find-max: the rate stepped up until the shop no longer keeps up, then
// narrowed down between the last rate it kept up with and that one. A step is
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

/** The step with the lowest rate that was not sustained: what bounds the maximum from above. */
export function lowestUnsustained<S extends { rate: number; verdict: string | undefined }>(steps: readonly S[]): S | undefined {
  return steps.filter((step) => step.verdict !== undefined).sort((a, b) => a.rate - b.rate)[0];
}

/** Steps run between the last sustained rate and the first that was not, halving the gap each time. */
export const NARROWING_STEPS = 2;

/**
 * The rate halfway between the highest sustained rate and the lowest that
 * was not, or undefined when nothing was sustained or they are within a tenth
 * of each other (at least 1/s apart): 12 sustained and 18 not gives 15.
 */
export function narrowedRate(sustained: number | undefined, failed: number): number | undefined {
  if (sustained === undefined || failed - sustained <= Math.max(1, sustained / 10)) return undefined;
  return Math.round((sustained + failed) / 2);
}

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
