import type { EventContract, EventEnvelope } from '@shop/event-contracts';
import type { SqlTransaction } from '../../database/sql-transaction.js';
import type { SqlExecutor } from '../sql-executor.js';
import type { TransactionBatch } from './transaction-batch.js';

/** What a handler knows about the event it handles, besides its data. */
export interface EventContext<Data, Tx extends SqlExecutor = SqlTransaction> {
  envelope: EventEnvelope<Data>;
  /** The transaction the inbox row is in: write through it so the handler's changes commit with it, or not at all. */
  tx: Tx;
  topic: string;
  partition: number;
  offset: string;
  /** 1 on the first try; higher when retrying after the handler threw. */
  attempt: number;
  /** Writes done once for all the events that share `tx`, just before it commits. */
  batch: TransactionBatch;
}

/**
 * Handles one event type. Throwing retries the event (and dead-letters it after the last try).
 * Its database writes commit exactly once, through `tx`; the handler itself may run again after
 * its transaction rolled back (its own failure, or another event's in a transaction they shared),
 * so an effect outside the database must tolerate a repeat (PerformedEffects, a stable id), and
 * such a handler's consumer handles one event per transaction (`maxEventsPerTransaction: 1`).
 */
export type EventHandler<Data, Tx extends SqlExecutor = SqlTransaction> = (
  data: Data,
  context: EventContext<Data, Tx>,
) => Promise<void>;

export interface HandlerRegistration<Tx extends SqlExecutor = SqlExecutor> {
  contract: EventContract<unknown, string>;
  handler: EventHandler<unknown, Tx>;
}
