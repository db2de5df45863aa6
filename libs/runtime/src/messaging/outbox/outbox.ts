import { randomUUID } from 'node:crypto';
import { type EventContract, type EventEnvelope, toKafkaHeaders } from '@shop/event-contracts';
import type { TransactionBatch } from '../consumer/transaction-batch.js';
import type { SqlExecutor } from '../sql-executor.js';
import { OUTBOX_CHANNEL } from './outbox-channel.js';
import { SpanKind } from '@opentelemetry/api';
import { currentTraceHeaders, messagingAttributes } from '../../tracing/kafka-propagation.js';
import { withSpan } from '../../tracing/with-span.js';

export interface PublishOptions {
  /** The event this one reacts to: gives the causation id and keeps its correlation id. */
  causedBy?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  /** Starts a new flow under this correlation id (e.g. the gateway request id) when nothing caused it. */
  correlationId?: string;
}

export class InvalidEventError extends Error {}

/** An outbox row as the INSERT takes it: id, topic, key, type, headers (JSON), payload (JSON). */
type OutboxRow = [id: string, topic: string, key: string, type: string, headers: string, payload: string];

/**
 * Writes events to the service's outbox table inside the caller's transaction,
 * so they are published if and only if the state change commits. The relay
 * does the publishing; the current trace context travels in the row.
 */
export class Outbox {
  constructor(private readonly source: string) {}

  async publish<Data>(
    tx: SqlExecutor,
    contract: EventContract<Data>,
    data: Data,
    options: PublishOptions = {},
  ): Promise<EventEnvelope<Data>> {
    return this.create(contract, data, options, (row) => insertOutboxRows(tx, [row]));
  }

  /**
   * publish, for a handler whose transaction others may share: the row is
   * written with every other row `batch` was given, in one statement just
   * before the transaction commits (EventContext.batch), instead of a round
   * trip each. Rows keep the order they were published in, but come after
   * any row published directly in the same transaction: publish a
   * transaction's events all one way or all the other.
   */
  async publishAtCommit<Data>(
    batch: TransactionBatch,
    tx: SqlExecutor,
    contract: EventContract<Data>,
    data: Data,
    options: PublishOptions = {},
  ): Promise<EventEnvelope<Data>> {
    return this.create(contract, data, options, (row) => batch.add('outbox rows', row, (rows) => insertOutboxRows(tx, rows)));
  }

  /** Validates the event, builds its envelope and hands its row to `write`, inside its creation span. */
  private create<Data>(
    contract: EventContract<Data>,
    data: Data,
    options: PublishOptions,
    write: (row: OutboxRow) => Promise<void> | void,
  ): Promise<EventEnvelope<Data>> {
    const parsed = contract.parse(data);
    if (!parsed.success) throw new InvalidEventError(`${contract.type} refused: ${parsed.error}`);
    const id = randomUUID();
    const attributes = messagingAttributes({ operation: 'create', destination: contract.topic, messageId: id, key: contract.key(parsed.data) });
    // The message's creation context: the relay's publish span and every consumer's span descend from it.
    return withSpan(`${contract.type} create`, { kind: SpanKind.PRODUCER, attributes }, async () => {
      const envelope = this.envelope(contract, parsed.data, id, options);
      const { data: payload, ...headers } = envelope;
      await write([id, contract.topic, envelope.subject, contract.type, JSON.stringify(toKafkaHeaders(headers)), JSON.stringify(payload)]);
      return envelope;
    });
  }

  private envelope<Data>(contract: EventContract<Data>, data: Data, id: string, options: PublishOptions): EventEnvelope<Data> {
    const correlationId = options.causedBy?.correlationId ?? options.correlationId ?? id;
    return {
      id,
      type: contract.type,
      source: this.source,
      specversion: '1.0',
      time: new Date().toISOString(),
      subject: contract.key(data),
      correlationId,
      causationId: options.causedBy?.id ?? correlationId,
      ...currentTraceHeaders(),
      data,
    };
  }
}

/**
 * The rows, in their order, and the NOTIFY that wakes the relay (delivered when, and only if, the
 * transaction commits) in one statement: a second statement for the NOTIFY cost a round trip
 * through Prisma per event.
 */
async function insertOutboxRows(tx: SqlExecutor, rows: readonly OutboxRow[]): Promise<void> {
  const column = (i: number) => rows.map((row) => row[i]!);
  await tx.$executeRawUnsafe(
    `WITH written AS (
       INSERT INTO outbox (id, topic, key, type, headers, payload)
       SELECT id, topic, key, type, headers, payload
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) WITH ORDINALITY
         AS row(id, topic, key, type, headers, payload, position)
       ORDER BY position
       RETURNING id
     )
     SELECT pg_notify('${OUTBOX_CHANNEL}', '') WHERE EXISTS (SELECT 1 FROM written)`,
    column(0),
    column(1),
    column(2),
    column(3),
    column(4),
    column(5),
  );
}
