/**
 * The CloudEvents 1.0 envelope in Kafka binary mode: attributes travel as
 * `ce_`-prefixed headers, the value is the JSON `data`. Extension attributes
 * follow CloudEvents naming (lowercase, no separators).
 */
export const CE_HEADERS = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  specversion: 'ce_specversion',
  time: 'ce_time',
  subject: 'ce_subject',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
} as const;

export const TRACE_HEADERS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

export const CONTENT_TYPE_HEADER = 'content-type';
export const JSON_CONTENT_TYPE = 'application/json';

export interface EventEnvelope<Data = unknown> {
  /** Unique per event; consumers deduplicate on it. */
  id: string;
  /** e.g. `shop.order.placed.v1` */
  type: string;
  /** The producing service, e.g. `/shop/order`. */
  source: string;
  specversion: '1.0';
  /** ISO-8601 time of the state change. */
  time: string;
  /** What the event is about, also the Kafka key: the order id (a restock: the sku). */
  subject: string;
  /** The id of the first event (or request) of the flow this event belongs to. */
  correlationId: string;
  /** The id of the event (or request) that directly caused this one. */
  causationId: string;
  traceparent?: string;
  tracestate?: string;
  data: Data;
}

export type KafkaHeaders = Record<string, string>;

/** Envelope attributes as Kafka headers (binary mode). */
export function toKafkaHeaders(envelope: Omit<EventEnvelope, 'data'>): KafkaHeaders {
  const headers: KafkaHeaders = {
    [CE_HEADERS.id]: envelope.id,
    [CE_HEADERS.type]: envelope.type,
    [CE_HEADERS.source]: envelope.source,
    [CE_HEADERS.specversion]: envelope.specversion,
    [CE_HEADERS.time]: envelope.time,
    [CE_HEADERS.subject]: envelope.subject,
    [CE_HEADERS.correlationId]: envelope.correlationId,
    [CE_HEADERS.causationId]: envelope.causationId,
    [CONTENT_TYPE_HEADER]: JSON_CONTENT_TYPE,
  };
  if (envelope.traceparent) headers[TRACE_HEADERS.traceparent] = envelope.traceparent;
  if (envelope.tracestate) headers[TRACE_HEADERS.tracestate] = envelope.tracestate;
  return headers;
}

export class EnvelopeError extends Error {}

/**
 * Reads the envelope attributes back from Kafka headers (values as kafkajs
 * gives them: Buffer, string or arrays). Throws EnvelopeError naming what is missing.
 */
export function fromKafkaHeaders(
  raw: Record<string, Buffer | string | (Buffer | string)[] | undefined>,
): Omit<EventEnvelope, 'data'> {
  const header = (name: string): string | undefined => {
    const value = raw[name];
    const first = Array.isArray(value) ? value[0] : value;
    return first === undefined ? undefined : first.toString();
  };
  const required = (name: string): string => {
    const value = header(name);
    if (!value) throw new EnvelopeError(`missing header ${name}`);
    return value;
  };
  const specversion = required(CE_HEADERS.specversion);
  if (specversion !== '1.0') throw new EnvelopeError(`unsupported ce_specversion ${specversion}`);
  const envelope: Omit<EventEnvelope, 'data'> = {
    id: required(CE_HEADERS.id),
    type: required(CE_HEADERS.type),
    source: required(CE_HEADERS.source),
    specversion,
    time: required(CE_HEADERS.time),
    subject: required(CE_HEADERS.subject),
    correlationId: required(CE_HEADERS.correlationId),
    causationId: required(CE_HEADERS.causationId),
  };
  const traceparent = header(TRACE_HEADERS.traceparent);
  const tracestate = header(TRACE_HEADERS.tracestate);
  if (traceparent) envelope.traceparent = traceparent;
  if (tracestate) envelope.tracestate = tracestate;
  return envelope;
}
