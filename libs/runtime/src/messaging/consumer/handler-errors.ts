import { isBreakerTimeoutError } from '../../breaker/breaker-errors.js';
import { isDatabaseUnavailable } from '../../database/database-unavailable.js';

/**
 * What a handler throws to say why it failed, when the consumer should not
 * treat the failure as an ordinary one (retried, then dead-lettered).
 */

/**
 * What the handler calls is down or refusing for now (connection refused, a
 * timeout, SMTP 4xx, HTTP 5xx or 429). It says nothing about the event: the
 * consumer retries it without counting tries and never dead-letters it for
 * this. Let it count against the dependency's breaker, so a long outage opens
 * the breaker and pauses the consumer.
 */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
  /** The dependency asked for this much quiet before the next call (HTTP Retry-After). */
  readonly retryAfterMs?: number;

  constructor(message: string, options: { cause?: unknown; retryAfterMs?: number } = {}) {
    super(message, { cause: options.cause });
    if (options.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * The event can never be handled, however often it is tried: an address no
 * mail server will take, a payload the webhook refuses. The consumer
 * dead-letters it at once. Must not count against a breaker: the dependency is fine.
 */
export class UnprocessableEventError extends Error {
  override readonly name = 'UnprocessableEventError';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
  }
}

/**
 * Whether `error` says the dependency is unavailable: a DependencyUnavailableError
 * in it or its causes (Prisma and wrappers may wrap it), a breaker that gave
 * up waiting for the call (opossum's timeout), or the service's own database
 * being unreachable or restarting, which all say the same.
 */
export function dependencyUnavailable(error: unknown): { retryAfterMs?: number } | undefined {
  const unavailable = findInCauses(error, DependencyUnavailableError);
  if (unavailable) return unavailable;
  return isBreakerTimeoutError(error) || isDatabaseUnavailable(error) ? {} : undefined;
}

export function isUnprocessableEvent(error: unknown): boolean {
  return findInCauses(error, UnprocessableEventError) !== undefined;
}

function findInCauses<E extends Error>(error: unknown, type: abstract new (...args: never[]) => E): E | undefined {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (cause instanceof type) return cause;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}
