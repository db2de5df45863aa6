import type { Backoff } from '../../resilience/backoff.js';

/** How often a failing handler is tried before its event is dead-lettered, and how long to wait between tries. */
export interface RetryPolicy extends Backoff {
  /** Tries in all, the first included. */
  attempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 };
