/** Waits between tries: doubling from `initialDelayMs`, capped at `maxDelayMs`. */
export interface Backoff {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * The wait after failed try number `attempt` (1-based): doubling from
 * `initialDelayMs`, capped at `maxDelayMs`, with "equal jitter" (between half
 * and all of it) so parts that failed together do not retry in lockstep.
 */
export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const exponential = backoff.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const capped = Math.min(backoff.maxDelayMs, exponential);
  return Math.round(capped / 2 + random() * (capped / 2));
}

/** Resolves after `ms`, or at once when `signal` aborts (a shutdown cuts every wait short). */
export function abortableDelay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    if (signal?.aborted) done();
    else signal?.addEventListener('abort', done, { once: true });
  });
}
