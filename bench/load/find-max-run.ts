// --find-max's loop: one load run a step, from FIRST_RATE up, until a step is
// not sustained (find-max.ts says which). Shared by `./shop load --find-max`
// and the capacity benchmark.
import { FIRST_RATE, nextRate, type StepResult, stepVerdict } from './find-max.ts';
import { loadRun, type LoadRunParts } from './load-run.ts';
import { LoadStats } from './load-stats.ts';

export type Step = StepResult & { verdict: string | undefined };

export interface FindMaxResult {
  steps: Step[];
  /** The last sustained step's rate, or undefined when not even the first was. */
  max: number | undefined;
}

/** Runs the steps; `stats.current` gets a fresh LoadStats for each. */
export async function findMaxRate(
  { durationS, maxInFlight }: { durationS: number; maxInFlight: number },
  parts: Omit<LoadRunParts, 'stats'> & { stats: { current: LoadStats } },
): Promise<FindMaxResult> {
  const { stats, decisions } = parts;
  const steps: Step[] = [];
  for (let stepRate = FIRST_RATE; ; stepRate = nextRate(stepRate)) {
    stats.current = new LoadStats();
    decisions.forgetUndecided();
    console.log(`step: ${stepRate} orders/s for ${durationS} s`);
    // A shorter wait than a run's: a step that needs more than 2 s to decide is not sustainable anyway.
    const undecided = await loadRun({ rate: stepRate, durationS, maxInFlight, settleMs: 2_000 }, { ...parts, stats: stats.current });
    const step = { rate: stepRate, figures: stats.current.figures(), undecided };
    const verdict = stepVerdict(step);
    steps.push({ ...step, verdict });
    console.log(`  → ${verdict ?? 'sustained'}`);
    if (verdict) break;
  }
  return { steps, max: steps.filter((step) => step.verdict === undefined).at(-1)?.rate };
}
