import { context, propagation, ROOT_CONTEXT, type Attributes, type Context, type TextMapGetter } from '@opentelemetry/api';

/** The W3C trace-context headers that carry a trace across Kafka (and through the outbox row). */
export type TraceHeaders = { traceparent?: string; tracestate?: string };

/** Header values as kafkajs delivers them, or as stored in an outbox row. */
type HeaderValue = string | Buffer | (string | Buffer)[] | undefined;

/** The trace headers of `ctx` (default: the active context); empty when there is no span or tracing is off. */
export function currentTraceHeaders(ctx: Context = context.active()): TraceHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return {
    ...(carrier.traceparent && { traceparent: carrier.traceparent }),
    ...(carrier.tracestate && { tracestate: carrier.tracestate }),
  };
}

/**
 * The context to parent a span on, from a message's headers. Extracted onto the
 * ROOT context, so a consumer's span never joins whatever happened to be active.
 */
export function contextFromTraceHeaders(headers: Readonly<Record<string, HeaderValue>> | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, headerGetter) : ROOT_CONTEXT;
}

const headerGetter: TextMapGetter<Readonly<Record<string, HeaderValue>>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    if (value === undefined) return undefined;
    return Array.isArray(value) ? value.map(String) : String(value);
  },
};

export interface MessagingSpanDetails {
  /** create: written to the outbox; publish: sent to Kafka; receive: polled; process: one message handled. */
  operation: 'create' | 'publish' | 'receive' | 'process';
  /** The topic. */
  destination: string;
  partition?: number;
  offset?: string | number;
  /** The event id (CloudEvents `ce_id`). */
  messageId: string;
  key?: string;
  consumerGroup?: string;
}

// Names from OpenTelemetry's messaging semantic conventions as of
// @opentelemetry/semantic-conventions 1.45 (experimental there, so copied, as
// its README advises, rather than imported from its `incubating` entry).
const OPERATION_TYPE = { create: 'create', publish: 'send', receive: 'receive', process: 'process' } as const;

/** The semantic-convention attributes of a span that publishes, receives or processes a Kafka message. */
export function messagingAttributes(details: MessagingSpanDetails): Attributes {
  const { operation, destination, partition, offset, messageId, key, consumerGroup } = details;
  return {
    'messaging.system.name': 'kafka',
    'messaging.operation.type': OPERATION_TYPE[operation],
    'messaging.operation.name': operation,
    'messaging.destination.name': destination,
    'messaging.message.id': messageId,
    ...(partition !== undefined && { 'messaging.destination.partition.id': String(partition) }),
    ...(offset !== undefined && { 'kafka.offset': Number(offset) }),
    ...(key !== undefined && { 'kafka.message.key': key }),
    ...(consumerGroup !== undefined && { 'messaging.consumer.group.name': consumerGroup }),
  };
}
