// What every chaos scenario in the tests must keep, whatever its faults (the
// whole shop's in chaos.spec.ts, one replica of each app's in e2e/replicas).
import { chaosProblems, countChaos, renderChaosSummary, type ChaosCounts } from './chaos-report.js';
import { type ChaosObservations, type ChaosOptions, runChaos } from './chaos-run.js';
import type { ChaosTarget } from './chaos-target.js';

/**
 * Runs the scenario, prints its summary, and expects no problem reported, no
 * order lost or made twice, stock conserved, every e-mail and Slack message
 * sent, and a duplicate only ever the same message again (the crash window
 * between SMTP's 250, or Slack's 200, and the commit).
 */
export async function runChaosKeepingEverything(
  target: ChaosTarget,
  options: ChaosOptions,
): Promise<{ observations: ChaosObservations; counts: ChaosCounts }> {
  const observations = await runChaos(target, options);
  const counts = countChaos(observations);
  const problems = chaosProblems(observations, counts);
  process.stdout.write(`${renderChaosSummary(observations, counts, problems)}\n`);

  expect(problems).toEqual([]);
  expect(counts.lost).toEqual([]);
  expect(counts.duplicates).toEqual([]);
  expect(counts.stock.every((product) => product.conserved)).toBe(true);
  expect(counts.emails.missing).toEqual([]);
  expect(counts.emails.duplicates.length).toBe(counts.emails.sameMessageAgain);
  expect(counts.slack.missing).toEqual([]);
  expect(counts.slack.duplicates.length).toBe(counts.slack.sameMessageAgain);
  return { observations, counts };
}
