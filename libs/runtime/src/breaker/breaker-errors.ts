import CircuitBreaker from 'opossum';

/** True when a breaker refused the call without running it, because it is open. */
export function isBreakerOpenError(error: unknown): boolean {
  return errorCode(error) === 'EOPENBREAKER';
}

/** True when a breaker gave up waiting for the action (opossum's `timeout`). */
export function isBreakerTimeoutError(error: unknown): boolean {
  return errorCode(error) === 'ETIMEDOUT' && isBreakerOwnError(error);
}

/** True for errors the breaker made itself (open, timeout, capacity), not the action. */
export function isBreakerOwnError(error: unknown): boolean {
  return error instanceof Error && CircuitBreaker.isOurError(error);
}

function errorCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}
