// --find-max's loop: one load run a step, from FIRST_RATE up, until a step is
// not sustained (find-max.ts says which), then up to NARROWING_STEPS between the
// highest sustained rate and the lowest that was not. Shared by `./shop load --find-max`
// and the capacity benchmark.
import { waitFor } from '../../e2e/support/wait-for.ts';
import { FIRST_RATE, narrowedRate, NARROWING_STEPS, nextRate, type StepResult, stepVerdict } from './find-max.ts';
import { loadRun, type LoadRunParts } from './load-run.ts';
import { LoadStats } from './load-stats.ts';

export type Step = StepResult & { verdict: string | undefined };

export interface FindMaxResult {
  steps: Step[];
  /** The highest sustained rate, or undefined when not even the first was. */
  max: number | undefined;
}

/** Every consumer group caught up with the order topic, or false when not within `timeoutMs`. */
const drained = (lag: LoadRunParts['lag'], timeoutMs = 120_000): Promise<boolean> =>
  waitFor(
    'every consumer group caught up with the order topic',
    async () => (Object.values(await lag.read()).every((messages) => messages === 0) ? true : undefined),
    { timeoutMs, intervalMs: 1_000 },
  ).catch(() => false);

/** Runs the steps up, then narrows between the last sustained and the first failed rate; `stats.current` gets a fresh LoadStats for each. */
export async function findMaxRate(
  { durationS, maxInFlight }: { durationS: number; maxInFlight: number },
  parts: Omit<LoadRunParts, 'stats'> & { stats: { current: LoadStats } },
): Promise<FindMaxResult> {
  const { stats, decisions } = parts;
  const steps: Step[] = [];
  const runStep = async (rate: number): Promise<Step> => {
    stats.current = new LoadStats();
    decisions.forgetUndecided();
    console.log(`step: ${rate} orders/s for ${durationS} s`);
    // A shorter wait than a run's: a step that needs more than 2 s to decide is not sustainable anyway.
    const undecided = await loadRun({ rate, durationS, maxInFlight, settleMs: 2_000 }, { ...parts, stats: stats.current });
    const result = { rate, figures: stats.current.figures(), undecided };
    const step = { ...result, verdict: stepVerdict(result) };
    steps.push(step);
    console.log(`  → ${step.verdict ?? 'sustained'}`);
    return step;
  };
  let climbing = FIRST_RATE;
  while (!(await runStep(climbing)).verdict) climbing = nextRate(climbing);
  let failed = climbing;
  const highestSustained = (): number | undefined => {
    const rates = steps.filter((step) => step.verdict === undefined).map((step) => step.rate);
    return rates.length > 0 ? Math.max(...rates) : undefined;
  };
  for (let narrowing = 0; narrowing < NARROWING_STEPS; narrowing += 1) {
    const rate = narrowedRate(highestSustained(), failed);
    if (rate === undefined) break;
    // The failed step left a backlog; a step that started on it would measure the backlog too.
    if (!(await drained(parts.lag))) {
      console.log('  the shop did not catch up within 2 minutes: not narrowed down');
      break;
    }
    if ((await runStep(rate)).verdict) failed = rate;
  }
  return { steps, max: highestSustained() };
}
