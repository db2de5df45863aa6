/** How often a failing handler is tried before its event is dead-lettered, and how long to wait between tries. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 };

/**
 * The wait after failed try number `attempt` (1-based): doubling from
 * `initialDelayMs`, capped at `maxDelayMs`, with "equal jitter" (between half
 * and all of it) so consumers that failed together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = policy.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}
