import type { LoggerService } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, type TransactionOptions } from '../../database/sql-transaction.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { PausingBreaker } from './breaker-gate.js';
import type { ConsumerObserver } from './consumer-observer.js';
import type { RetryPolicy } from './retry-backoff.js';

/** SqlTransactions (what MessagingModule gives), a Prisma client, or anything else that runs a function in a transaction. */
export interface TransactionalDatabase<Tx extends SqlExecutor> {
  $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface EventConsumerOptions<Tx extends SqlExecutor> {
  kafka: Kafka;
  /** The Kafka consumer group; also the inbox's consumer_group and the dead-letter topic's suffix. */
  groupId: string;
  database: TransactionalDatabase<Tx>;
  logger: LoggerService;
  retry?: Partial<RetryPolicy>;
  /**
   * Breakers around what the handlers call (SMTP, a webhook). While one is
   * open, every partition is paused and failures it causes are neither
   * counted as tries nor dead-lettered; consuming resumes when it half-opens.
   */
  pauseWhile?: readonly PausingBreaker[];
  /** Recognises a breaker's refusal among handler errors. Default: code EOPENBREAKER (opossum), also as a `cause`. */
  isBreakerOpenError?: (error: unknown) => boolean;
  observer?: ConsumerObserver;
  /** Where a group without committed offsets starts. Default true: a new subscriber gets past events too. */
  fromBeginning?: boolean;
  /**
   * Partitions handled side by side (each still in order). With more than one,
   * the events of the partitions a fetch brings at once share a transaction
   * (PartitionsTogether), unless `maxEventsPerTransaction` is 1. Default 1.
   */
  partitionsConsumedConcurrently?: number;
  /**
   * Most events of one partition handled in one transaction when a fetch brings
   * several (one BEGIN, COMMIT and inbox statement for all). Default 20, or 1
   * with `pauseWhile` breakers (handlers that call the outside world); 1 handles
   * each in its own.
   */
  maxEventsPerTransaction?: number;
  /** Longest a handler's transaction may run. Default 30 s. (The wait for a connection is the database pool's.) */
  transaction?: { timeoutMs?: number };
  /** kafkajs consumer settings. Default: KAFKA_CONSUMER_TIMING (8 s session, 2 s heartbeat). */
  sessionTimeout?: number;
  heartbeatInterval?: number;
  /**
   * Longest fetch wait. Also bounds how long stop() and a resume after a
   * breaker half-opens wait on an idle or fully paused fetcher. Default 1000.
   */
  maxWaitTimeInMs?: number;
  /**
   * For a consumer off every decision path (a read model, notifications):
   * while events keep coming, the broker holds each fetch until
   * GATHERED_BYTES have arrived or this many ms have passed, so events
   * written apart arrive, and are handled, together (in one transaction where
   * `maxEventsPerTransaction` allows) at the cost of up to this much delay
   * each. The first event after a fetch that brought none is answered at once
   * (kafkajs's `gatherWhileBusy`, patches/kafkajs@2.2.4.patch), and a quiet
   * consumer asks every `maxWaitTimeInMs`. Default: none, each fetch
   * answered as soon as one event is there.
   */
  gatherEventsForMs?: number;
}

/**
 * What a gathering fetch waits for: more than a trickle of events brings
 * within the window (an event is ~1 KB), so a trickle waits it out, while a
 * flood fills it in a fraction of it.
 */
export const GATHERED_BYTES = 64 * 1024;

export const CONSUMER_DEFAULTS = {
  fromBeginning: true,
  partitionsConsumedConcurrently: 1,
  maxEventsPerTransaction: 20,
  transactionTimeoutMs: DEFAULT_TRANSACTION_TIMEOUT_MS,
  maxWaitTimeInMs: 1_000,
} as const;
