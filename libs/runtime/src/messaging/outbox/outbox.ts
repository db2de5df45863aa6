import { randomUUID } from 'node:crypto';
import { type EventContract, type EventEnvelope, toKafkaHeaders } from '@shop/event-contracts';
import type { TransactionBatch } from '../consumer/transaction-batch.js';
import type { SqlExecutor } from '../sql-executor.js';
import { OUTBOX_CHANNEL } from './outbox-channel.js';
import { SpanKind, type Span } from '@opentelemetry/api';
import { currentTraceHeaders, messagingAttributes } from '../../tracing/kafka-propagation.js';
import { withSpan } from '../../tracing/with-span.js';

export interface PublishOptions {
  /** The event this one reacts to: gives the causation id and keeps its correlation id. */
  causedBy?: Pick<EventEnvelope, 'id' | 'correlationId'>;
  /** Starts a new flow under this correlation id (e.g. the gateway request id) when nothing caused it. */
  correlationId?: string;
}

export class InvalidEventError extends Error {}

/**
 * One data-modifying statement with RETURNING (an INSERT ... ON CONFLICT DO NOTHING, an
 * UPDATE ... WHERE), its parameters $1..$n in `values`: the change publishWithChange announces.
 */
export interface ChangeStatement {
  sql: string;
  values: readonly unknown[];
}

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
   * publish, in one statement with the change it announces, sent on its own: PostgreSQL
   * commits the change and the event's row together or neither, as a transaction would,
   * without the BEGIN and COMMIT round trips and Prisma's interactive transaction (order's
   * CPU per order fell 7-20% in pairs of runs when its placement came here). For a request
   * that makes one change and knows its event's data beforehand, such as placing an order
   * (not a restock, whose event gives the stock it led to). The event is written only if
   * `change` returned a row. Returns the rows it returned: none means nothing changed and
   * nothing was published (the create span then says `shop.outbox.written: false`).
   */
  async publishWithChange<Row, Data>(
    db: SqlExecutor,
    change: ChangeStatement,
    contract: EventContract<Data>,
    data: Data,
    options: PublishOptions = {},
  ): Promise<Row[]> {
    let changed: Row[] = [];
    await this.create(contract, data, options, async (row, span) => {
      changed = await db.$queryRawUnsafe<Row[]>(changeThenOutboxRow(change), ...change.values, ...outboxColumns([row]));
      if (changed.length === 0) span.setAttribute('shop.outbox.written', false);
    });
    return changed;
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
    write: (row: OutboxRow, span: Span) => Promise<void> | void,
  ): Promise<EventEnvelope<Data>> {
    const parsed = contract.parse(data);
    if (!parsed.success) throw new InvalidEventError(`${contract.type} refused: ${parsed.error}`);
    const id = randomUUID();
    const attributes = messagingAttributes({ operation: 'create', destination: contract.topic, messageId: id, key: contract.key(parsed.data) });
    // The message's creation context: the relay's publish span and every consumer's span descend from it.
    return withSpan(`${contract.type} create`, { kind: SpanKind.PRODUCER, attributes }, async (span) => {
      const envelope = this.envelope(contract, parsed.data, id, options);
      const { data: payload, ...headers } = envelope;
      await write([id, contract.topic, envelope.subject, contract.type, JSON.stringify(toKafkaHeaders(headers)), JSON.stringify(payload)], span);
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
 * The INSERT of outbox rows from six array parameters ($first to $first + 5, one array per
 * column), in the rows' order, only if `condition` holds.
 */
function outboxInsert(first: number, condition = 'true'): string {
  const [id, topic, key, type, headers, payload] = [0, 1, 2, 3, 4, 5].map((i) => `$${first + i}`);
  return `INSERT INTO outbox (id, topic, key, type, headers, payload)
       SELECT id, topic, key, type, headers, payload
       FROM unnest(${id}::uuid[], ${topic}::text[], ${key}::text[], ${type}::text[], ${headers}::jsonb[], ${payload}::jsonb[]) WITH ORDINALITY
         AS row(id, topic, key, type, headers, payload, position)
       WHERE ${condition}
       ORDER BY position
       RETURNING id`;
}

/** The NOTIFY that wakes the relay, delivered when, and only if, the transaction commits. */
const WAKE_THE_RELAY = `SELECT pg_notify('${OUTBOX_CHANNEL}', '') WHERE EXISTS (SELECT 1 FROM written)`;

/**
 * The rows, in their order, and the NOTIFY in one statement: a second statement for the
 * NOTIFY cost a round trip through Prisma per event.
 */
const INSERT_OUTBOX_ROWS = `WITH written AS (${outboxInsert(1)}) ${WAKE_THE_RELAY}`;

async function insertOutboxRows(tx: SqlExecutor, rows: readonly OutboxRow[]): Promise<void> {
  await tx.$executeRawUnsafe(INSERT_OUTBOX_ROWS, ...outboxColumns(rows));
}

/**
 * `change`, then the outbox row if it returned a row, then the NOTIFY; answers the changed rows.
 * The outbox's parameters follow the change's own.
 */
function changeThenOutboxRow({ sql, values }: ChangeStatement): string {
  return `WITH changed AS (${sql}),
     written AS (${outboxInsert(values.length + 1, 'EXISTS (SELECT 1 FROM changed)')})
     SELECT changed.* FROM changed, (${WAKE_THE_RELAY}) AS woken`;
}

/** The rows as the six column arrays the INSERT takes. */
function outboxColumns(rows: readonly OutboxRow[]): unknown[][] {
  return [0, 1, 2, 3, 4, 5].map((i) => rows.map((row) => row[i]!));
}
