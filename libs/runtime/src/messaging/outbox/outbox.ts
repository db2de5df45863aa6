import { randomUUID } from 'node:crypto';
import { type EventContract, type EventEnvelope, toKafkaHeaders } from '@shop/event-contracts';
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
    const parsed = contract.parse(data);
    if (!parsed.success) throw new InvalidEventError(`${contract.type} refused: ${parsed.error}`);
    const id = randomUUID();
    const attributes = messagingAttributes({ operation: 'create', destination: contract.topic, messageId: id, key: contract.key(parsed.data) });
    // The message's creation context: the relay's publish span and every consumer's span descend from it.
    return withSpan(`${contract.type} create`, { kind: SpanKind.PRODUCER, attributes }, () => this.insert(tx, contract, parsed.data, id, options));
  }

  private async insert<Data>(
    tx: SqlExecutor,
    contract: EventContract<Data>,
    data: Data,
    id: string,
    options: PublishOptions,
  ): Promise<EventEnvelope<Data>> {
    const correlationId = options.causedBy?.correlationId ?? options.correlationId ?? id;
    const envelope: EventEnvelope<Data> = {
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
    const { data: payload, ...attributes } = envelope;
    // One statement: the row, and the NOTIFY that wakes the relay, delivered when (and only if) the
    // transaction commits. A second statement for the NOTIFY cost a round trip through Prisma per event.
    await tx.$executeRawUnsafe(
      `WITH written AS (
         INSERT INTO outbox (id, topic, key, type, headers, payload) VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::jsonb) RETURNING id
       )
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM written`,
      id,
      contract.topic,
      envelope.subject,
      contract.type,
      JSON.stringify(toKafkaHeaders(attributes)),
      JSON.stringify(payload),
    );
    return envelope;
  }
}
