import { Logger } from '@nestjs/common';
import type { Breaker } from './create-breaker.js';

export interface BreakerOpenHandlers {
  /** The breaker opened: stop taking work (a Kafka consumer pauses its partitions). */
  onOpen: () => void | Promise<void>;
  /** The breaker lets one trial call through: take work again (resume the partitions). */
  onHalfOpen: () => void | Promise<void>;
  /** The breaker closed: all is well; resume too, since `close()` can also follow `open` directly. */
  onClose?: () => void | Promise<void>;
}

const logger = new Logger('Breaker');

/**
 * Lets a consumer stop taking work while `breaker` is open, so an outage of
 * any length loses nothing and fills no dead-letter topic. The sequence:
 *
 *   1. failures cross the threshold → 'open'     → onOpen: pause the partitions.
 *      Calls made meanwhile fail fast with EOPENBREAKER (see isBreakerOpenError):
 *      the message being handled is not done and must be retried, not dead-lettered.
 *   2. resetTimeout later            → 'halfOpen' → onHalfOpen: resume, so one
 *      message comes through as the trial call. Other calls made while that
 *      trial runs are rejected with EOPENBREAKER and must be retried too.
 *   3a. the trial fails               → 'open' again → onOpen: pause; back to 2.
 *   3b. the trial succeeds            → 'close'      → onClose: consuming goes on.
 *
 * If the breaker is already open when this is called, onOpen runs at once.
 * Handler errors are logged, never thrown into the breaker. Returns a function
 * that stops listening.
 */
export function whileBreakerOpen(breaker: Breaker, handlers: BreakerOpenHandlers): () => void {
  const run = (event: string, handler?: () => void | Promise<void>) => () => {
    if (!handler) return;
    Promise.resolve()
      .then(handler)
      .catch((error: unknown) =>
        logger.error({ msg: `handler for breaker ${event} failed`, breaker: breaker.name, error: String(error) }),
      );
  };
  const onOpen = run('open', handlers.onOpen);
  const onHalfOpen = run('halfOpen', handlers.onHalfOpen);
  const onClose = run('close', handlers.onClose);
  breaker.on('open', onOpen).on('halfOpen', onHalfOpen).on('close', onClose);
  if (breaker.opened) onOpen();
  return () => {
    breaker.off('open', onOpen).off('halfOpen', onHalfOpen).off('close', onClose);
  };
}
