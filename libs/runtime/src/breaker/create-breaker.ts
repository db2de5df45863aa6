import CircuitBreaker from 'opossum';
import { isBreakerOwnError } from './breaker-errors.js';
import { observeBreakerStates } from './observe-breaker-states.js';

/** An opossum circuit breaker around an async action. */
export type Breaker<TArgs extends unknown[] = unknown[], TResult = unknown> = CircuitBreaker<TArgs, TResult>;

export interface BreakerOptions extends Omit<CircuitBreaker.Options, 'name' | 'errorFilter'> {
  /**
   * Whether an error of the action counts against the dependency. Return false
   * for errors that are the caller's fault (a 400 from a webhook): they still
   * reach the caller, but do not trip the breaker. The breaker's own errors
   * (timeouts) always count. Default: every error counts.
   */
  isFailure?: (error: unknown) => boolean;
}

/** Open at more than half the calls failing among at least 5 in 10 s; try again after 10 s. */
export const BREAKER_DEFAULTS = {
  timeout: 5_000,
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeout: 10_000,
  rollingCountTimeout: 10_000,
} as const satisfies CircuitBreaker.Options;

/**
 * Wraps `action` in a circuit breaker named `name`. Call it with `breaker.fire(...args)`.
 * Every state change is logged and recorded as an event on the active span.
 */
export function createBreaker<TArgs extends unknown[], TResult>(
  name: string,
  action: (...args: TArgs) => Promise<TResult>,
  options: BreakerOptions = {},
): Breaker<TArgs, TResult> {
  const { isFailure, ...opossumOptions } = options;
  const breaker = new CircuitBreaker(action, {
    ...BREAKER_DEFAULTS,
    ...opossumOptions,
    name,
    // opossum's errorFilter means "not a failure": true lets the error through uncounted.
    ...(isFailure && { errorFilter: (error: unknown) => !isBreakerOwnError(error) && !isFailure(error) }),
  });
  observeBreakerStates(breaker);
  return breaker;
}
