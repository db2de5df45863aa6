/**
 * The part of a circuit breaker (opossum 10's CircuitBreaker) the consumer
 * watches. opossum moves an open breaker to halfOpen after `resetTimeout`,
 * always, which is what makes pausing while `opened` safe: a resume follows.
 */
export interface PausingBreaker {
  readonly opened: boolean;
  on(event: 'open', listener: () => void): unknown;
  on(event: 'halfOpen', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'open' | 'halfOpen' | 'close', listener: () => void): unknown;
}

const BREAKER_EVENTS = ['open', 'halfOpen', 'close'] as const;

/** opossum rejects calls with code EOPENBREAKER when open, or half-open with its trial call under way. */
export function isOpenBreakerError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if ((cause as { code?: unknown }).code === 'EOPENBREAKER') return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Tells the consumer when the dependencies its handlers call are down, so it stops taking events. */
export class BreakerGate {
  constructor(
    private readonly breakers: readonly PausingBreaker[],
    private readonly isBreakerOpenError: (error: unknown) => boolean = isOpenBreakerError,
  ) {}

  /** True while any breaker fails fast. */
  isOpen(): boolean {
    return this.breakers.some((breaker) => breaker.opened);
  }

  /**
   * Whether a handler failure says nothing about the event: a breaker refused
   * the call, or is open now (it opened on this very failure, or the handler
   * wrapped the breaker's error). Such failures are not counted as tries.
   */
  explains(error: unknown): boolean {
    return this.isBreakerOpenError(error) || this.isOpen();
  }

  /** Calls `onChange` synchronously on every open, halfOpen and close; returns the unsubscribe. */
  watch(onChange: () => void): () => void {
    const listener = () => onChange();
    for (const breaker of this.breakers) {
      breaker.on('open', listener);
      breaker.on('halfOpen', listener);
      breaker.on('close', listener);
    }
    return () => {
      for (const breaker of this.breakers) for (const event of BREAKER_EVENTS) breaker.off(event, listener);
    };
  }
}
