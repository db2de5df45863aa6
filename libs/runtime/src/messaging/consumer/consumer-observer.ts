import type { EventEnvelope } from '@shop/event-contracts';
import type { DeadLetterFailure } from './dead-letter-headers.js';
import type { Delivery } from './delivery.js';

/** A delivery whose envelope was read and validated, at one handling attempt. */
export interface AttemptedDelivery extends Delivery {
  groupId: string;
  envelope: EventEnvelope<unknown>;
  /** 1-based; tries the consumer does not count (a breaker refused the call) repeat the number. */
  attempt: number;
}

/** How a delivery ended, for this consumer group; its offset is committed after each of these. */
export type DeliveryOutcome = 'handled' | 'duplicate' | 'not-handled' | 'dead-lettered';

/**
 * THE hook point for tracing and metrics; every method is optional and the
 * consumer works without any. Observer errors are logged, never thrown into
 * the consumer (except from aroundAttempt, whose errors count as the handler's).
 */
export interface ConsumerObserver {
  /**
   * Runs around each handling attempt: the inbox insert and the handler, in one
   * transaction (the handler alone when several events share a transaction).
   * Must call `run` once and return (or rethrow) its result.
   * Tracing plugs in here: a consumer span whose parent is the context in
   * `delivery.envelope.traceparent`/`tracestate`, made active around `run`, so
   * the handler's queries and the events it writes to the outbox join the trace.
   */
  aroundAttempt?<T>(delivery: AttemptedDelivery, run: () => Promise<T>): Promise<T>;
  /** The handler threw; the event is tried again after `delayMs`. */
  retrying?(delivery: AttemptedDelivery, error: unknown, delayMs: number): void;
  /** The event went to the dead-letter topic. */
  deadLettered?(delivery: Delivery, failure: DeadLetterFailure): void;
  /** The delivery is done for this group and its offset can be committed. */
  settled?(delivery: Delivery, outcome: DeliveryOutcome): void;
  /** All partitions were paused (true) because a breaker opened, or resumed (false). */
  pausedChanged?(paused: boolean): void;
}
