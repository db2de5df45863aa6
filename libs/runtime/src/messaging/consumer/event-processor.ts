import type { LoggerService } from '@nestjs/common';
import { context } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import type { EventEnvelope } from '@shop/event-contracts';
import type { SqlExecutor } from '../sql-executor.js';
import type { BreakerGate } from './breaker-gate.js';
import type { AttemptedDelivery, ConsumerObserver, DeliveryOutcome } from './consumer-observer.js';
import { describeError, type DeadLetterFailure } from './dead-letter-headers.js';
import type { DeadLetterPublisher } from './dead-letter-publisher.js';
import { type DecodedEvent, decodeEvent } from './decode-event.js';
import type { Delivery } from './delivery.js';
import type { TransactionalDatabase } from './event-consumer-options.js';
import type { HandlerRegistration } from './event-handler.js';
import type { HandlerRegistry } from './handler-registry.js';
import { dependencyUnavailable, isUnprocessableEvent } from './handler-errors.js';
import { claimAllInInbox, claimInInbox } from './inbox.js';
import { backoffDelay } from '../../resilience/backoff.js';
import type { RetryPolicy } from './retry-backoff.js';
import { sleepWithHeartbeat } from './sleep-with-heartbeat.js';
import { PendingWrites, type TransactionBatch } from './transaction-batch.js';

/**
 * Whether the consumer may commit past the message. When not, it must fetch
 * the message again: a breaker is open, its dead letter could not be
 * written, or the consumer is stopping in the middle of retries.
 */
export type ProcessResult = { done: true } | { done: false; because: NotDoneReason };
export type NotDoneReason = 'breaker-open' | 'dead-letter-not-written' | 'stopping';

const DONE: ProcessResult = { done: true };
const notDone = (because: NotDoneReason): ProcessResult => ({ done: false, because });

const LOG_CONTEXT = 'EventConsumer';

export interface EventProcessorDeps<Tx extends SqlExecutor> {
  groupId: string;
  registry: HandlerRegistry<Tx>;
  database: TransactionalDatabase<Tx>;
  deadLetters: DeadLetterPublisher;
  gate: BreakerGate;
  observer: ConsumerObserver;
  logger: LoggerService;
  retry: RetryPolicy;
  transaction: { timeoutMs: number };
}

/**
 * Takes one message to its end for this consumer group: skipped (another
 * event type), dead-lettered (invalid, or the handler kept failing), a
 * duplicate, or handled exactly once with the inbox row in the handler's
 * transaction. Never throws for anything the message or the handler does.
 */
export class EventProcessor<Tx extends SqlExecutor> {
  constructor(private readonly deps: EventProcessorDeps<Tx>) {}

  async process(delivery: Delivery, heartbeat: () => Promise<void>, stopping: AbortSignal): Promise<ProcessResult> {
    const decoded = decodeEvent(delivery.message, this.deps.registry);
    switch (decoded.kind) {
      case 'not-handled':
        this.deps.logger.debug?.(
          { msg: 'no handler for this event type, skipped', type: decoded.type, ...where(delivery) },
          LOG_CONTEXT,
        );
        this.settled(delivery, 'not-handled');
        return DONE;
      case 'invalid':
        return this.deadLetter(delivery, { reason: decoded.reason, error: decoded.error, attempts: 1 }, heartbeat, stopping);
      case 'valid':
        return this.handleWithRetries(delivery, decoded.envelope, decoded.registration, heartbeat, stopping);
    }
  }

  /**
   * Takes the leading messages of each of `runs` (each one partition's, in
   * order) to their end in one transaction: one BEGIN and COMMIT and one inbox
   * statement for all, where `process` spends them on each event. Only the
   * happy path: when fewer than two of them are events to handle, or any
   * handler throws, nothing is kept (the transaction rolls back) and every
   * count is 0, and the caller takes them one at a time with `process`, which
   * has every rule of retries, breakers and dead letters. Otherwise returns,
   * for each run, how many of its messages are done, in order: up to its first
   * invalid message, which is left to `process`.
   */
  async processTogether(runs: readonly (readonly Delivery[])[], heartbeat: () => Promise<void>): Promise<number[]> {
    const nothingDone = runs.map(() => 0);
    // A lone message has nothing to share a transaction with: `process` takes it, and decodes it once.
    if (runs.reduce((messages, run) => messages + run.length, 0) < 2) return nothingDone;
    const leading = runs.map((deliveries) => {
      const run: { delivery: Delivery; decoded: Exclude<DecodedEvent<Tx>, { kind: 'invalid' }> }[] = [];
      for (const delivery of deliveries) {
        const decoded = decodeEvent(delivery.message, this.deps.registry);
        if (decoded.kind === 'invalid') break;
        run.push({ delivery, decoded });
      }
      return run;
    });
    const run = leading.flat();
    const events = run.flatMap(({ decoded }) => (decoded.kind === 'valid' ? [decoded.envelope] : []));
    if (events.length < 2) return nothingDone;
    const { database, groupId, observer, transaction, logger } = this.deps;
    let outcomes: DeliveryOutcome[];
    try {
      // Each event's handler runs in its own consumer span, in the event's trace; the transaction they
      // share belongs to no single trace, so its span is not recorded (nor made a stray root).
      outcomes = await context.with(suppressTracing(context.active()), () =>
        database.$transaction(
          async (tx) => {
            const claimed = await claimAllInInbox(tx, groupId, events);
            const batch = new PendingWrites();
            const done: DeliveryOutcome[] = [];
            for (const { delivery, decoded } of run) {
              if (decoded.kind === 'not-handled') done.push('not-handled');
              else if (!claimed.delete(decoded.envelope.id)) done.push('duplicate');
              else {
                const attempted: AttemptedDelivery = { ...delivery, groupId, envelope: decoded.envelope, attempt: 1 };
                const handle = () => this.handle(tx, attempted, decoded.registration, batch);
                await (observer.aroundAttempt ? observer.aroundAttempt(attempted, handle) : handle());
                done.push('handled');
                // Handlers that take long (an SMTP server that answers slowly) must not cost the group its member.
                await heartbeat();
              }
            }
            await batch.flush();
            return done;
          },
          { timeout: transaction.timeoutMs },
        ),
      );
    } catch (error) {
      logger.debug?.({ msg: 'events handled together failed; one at a time instead', events: events.length, error: describeError(error) }, LOG_CONTEXT);
      return nothingDone;
    }
    run.forEach(({ delivery }, i) => {
      logger.debug?.({ msg: `event ${outcomes[i]}, together with ${events.length - 1} more`, ...where(delivery) }, LOG_CONTEXT);
      this.settled(delivery, outcomes[i]!);
    });
    return leading.map((partitionRun) => partitionRun.length);
  }

  private async handleWithRetries(
    delivery: Delivery,
    envelope: EventEnvelope<unknown>,
    registration: HandlerRegistration<Tx>,
    heartbeat: () => Promise<void>,
    stopping: AbortSignal,
  ): Promise<ProcessResult> {
    const { retry, gate, logger } = this.deps;
    let attempt = 1;
    let uncountedWaits = 0;
    for (;;) {
      if (stopping.aborted) return notDone('stopping');
      const attempted: AttemptedDelivery = { ...delivery, groupId: this.deps.groupId, envelope, attempt };
      try {
        const outcome = await this.attempt(attempted, registration);
        logger.debug?.(
          { msg: `event ${outcome}`, eventId: envelope.id, type: envelope.type, attempt, ...where(delivery) },
          LOG_CONTEXT,
        );
        this.settled(delivery, outcome);
        return DONE;
      } catch (error) {
        if (gate.explains(error)) {
          // Open: the consumer pauses and gets the message again after halfOpen.
          if (gate.isOpen()) return notDone('breaker-open');
          // Half-open with another event's trial call under way: wait for its verdict, uncounted.
          uncountedWaits += 1;
          if (!(await sleepWithHeartbeat(backoffDelay(uncountedWaits, retry), heartbeat, stopping))) return notDone('stopping');
          continue;
        }
        const unavailable = dependencyUnavailable(error);
        if (unavailable) {
          // The outside world is down, not the event: try again, uncounted; the breaker decides when to pause.
          uncountedWaits += 1;
          const delayMs = Math.max(unavailable.retryAfterMs ?? 0, backoffDelay(uncountedWaits, retry));
          logger.warn(
            { msg: 'dependency unavailable, will retry', eventId: envelope.id, type: envelope.type, delayMs, error: describeError(error), ...where(delivery) },
            LOG_CONTEXT,
          );
          this.notify(() => this.deps.observer.retrying?.(attempted, error, delayMs));
          if (!(await sleepWithHeartbeat(delayMs, heartbeat, stopping))) return notDone('stopping');
          continue;
        }
        if (isUnprocessableEvent(error)) {
          const failure: DeadLetterFailure = { reason: 'unprocessable', error: describeError(error), attempts: attempt };
          return this.deadLetter(delivery, failure, heartbeat, stopping);
        }
        if (attempt >= retry.attempts) {
          const failure: DeadLetterFailure = { reason: 'handler-failed', error: describeError(error), attempts: attempt };
          return this.deadLetter(delivery, failure, heartbeat, stopping);
        }
        const delayMs = backoffDelay(attempt, retry);
        logger.warn(
          {
            msg: 'handler failed, will retry',
            eventId: envelope.id,
            type: envelope.type,
            attempt,
            of: retry.attempts,
            delayMs,
            error: describeError(error),
            ...where(delivery),
          },
          LOG_CONTEXT,
        );
        this.notify(() => this.deps.observer.retrying?.(attempted, error, delayMs));
        if (!(await sleepWithHeartbeat(delayMs, heartbeat, stopping))) return notDone('stopping');
        attempt += 1;
      }
    }
  }

  /** The inbox row and the handler's writes, in one transaction: both commit, or neither. */
  private attempt(delivery: AttemptedDelivery, registration: HandlerRegistration<Tx>): Promise<'handled' | 'duplicate'> {
    const { database, groupId, observer, transaction } = this.deps;
    const { envelope } = delivery;
    const run = () =>
      database.$transaction(
        async (tx) => {
          if (!(await claimInInbox(tx, groupId, envelope))) return 'duplicate' as const;
          const batch = new PendingWrites();
          await this.handle(tx, delivery, registration, batch);
          await batch.flush();
          return 'handled' as const;
        },
        { timeout: transaction.timeoutMs },
      );
    return observer.aroundAttempt ? observer.aroundAttempt(delivery, run) : run();
  }

  private handle(tx: Tx, { envelope, topic, partition, message, attempt }: AttemptedDelivery, { handler }: HandlerRegistration<Tx>, batch: TransactionBatch) {
    return handler(envelope.data, { envelope, tx, topic, partition, offset: message.offset, attempt, batch });
  }

  private async deadLetter(
    delivery: Delivery,
    failure: DeadLetterFailure,
    heartbeat: () => Promise<void>,
    stopping: AbortSignal,
  ): Promise<ProcessResult> {
    if (!(await this.deps.deadLetters.publish(delivery, failure))) {
      // The message comes straight back: pace the loop while Kafka cannot take the dead letter.
      await sleepWithHeartbeat(this.deps.retry.maxDelayMs, heartbeat, stopping);
      return notDone('dead-letter-not-written');
    }
    const deadLetterTopic = this.deps.deadLetters.topicFor(delivery.topic);
    this.deps.logger.error({ msg: 'event dead-lettered', ...failure, deadLetterTopic, ...where(delivery) }, LOG_CONTEXT);
    this.notify(() => this.deps.observer.deadLettered?.(delivery, failure));
    this.settled(delivery, 'dead-lettered');
    return DONE;
  }

  private settled(delivery: Delivery, outcome: DeliveryOutcome): void {
    this.notify(() => this.deps.observer.settled?.(delivery, outcome));
  }

  private notify(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.deps.logger.warn({ msg: 'consumer observer failed', error: describeError(error) }, LOG_CONTEXT);
    }
  }
}

function where({ topic, partition, message }: Delivery) {
  return { topic, partition, offset: message.offset };
}
