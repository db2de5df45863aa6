import type { Breaker } from './create-breaker.js';

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** What `/health` and the registry show of one breaker; counts cover the rolling window. */
export interface BreakerSnapshot {
  state: BreakerState;
  stats: { failures: number; successes: number; timeouts: number; rejects: number };
}

export function breakerState(breaker: Breaker): BreakerState {
  if (breaker.opened) return 'open';
  if (breaker.halfOpen) return 'halfOpen';
  return 'closed';
}

export function snapshotBreaker(breaker: Breaker): BreakerSnapshot {
  const { failures, successes, timeouts, rejects } = breaker.stats;
  return { state: breakerState(breaker), stats: { failures, successes, timeouts, rejects } };
}
