import type { LoggerService } from '@nestjs/common';
import { abortableDelay, type Backoff, backoffDelay } from './backoff.js';

/** Reconnecting: from a quarter of a second up to 5 s between tries. */
export const RECONNECT_BACKOFF: Backoff = { initialDelayMs: 250, maxDelayMs: 5_000 };

export interface RetryUntilOptions {
  backoff?: Backoff;
  /** Stops trying (the result is then undefined): the owner is shutting down. */
  signal?: AbortSignal;
  onFailure?: RetryFailureListener;
}

/** Told of each failed try, the wait before the next, and how long it has been failing. */
export type RetryFailureListener = (error: unknown, attempt: number, retryInMs: number, failingForMs: number) => void;

/** Failing for less than this is a transient state (a broker or database still starting): logged as info, warn after. */
export const TRANSIENT_FAILURE_MS = 15_000;

/** The log level of a retried failure that has lasted `failingForMs`. */
export const retryLogLevel = (failingForMs: number): 'log' | 'warn' => (failingForMs < TRANSIENT_FAILURE_MS ? 'log' : 'warn');

/** An `onFailure` that logs `msg` (with `fields`), the error and the next wait, at `retryLogLevel`. */
export function logRetries(logger: LoggerService, msg: string, fields: Record<string, unknown> = {}, context?: string): RetryFailureListener {
  return (error, attempt, retryInMs, failingForMs) =>
    logger[retryLogLevel(failingForMs)]({ msg, ...fields, error: (error as Error).message, attempt, retryInMs }, context);
}

/**
 * Calls `attempt` until it succeeds, waiting with backoff between tries: how
 * every part the runtime owns (relay, consumers, request-reply) gets its
 * connection back after the database or the broker went away. Resolves with
 * the result, or undefined once `signal` aborts.
 */
export async function retryUntil<T>(attempt: () => Promise<T>, options: RetryUntilOptions = {}): Promise<T | undefined> {
  const { backoff = RECONNECT_BACKOFF, signal, onFailure } = options;
  const firstTry = Date.now();
  for (let tries = 1; !signal?.aborted; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (signal?.aborted) return undefined;
      const retryInMs = backoffDelay(tries, backoff);
      onFailure?.(error, tries, retryInMs, Date.now() - firstTry);
      await abortableDelay(retryInMs, signal);
    }
  }
  return undefined;
}
