import { CE_HEADERS, fromKafkaHeaders, type EventEnvelope } from '@shop/event-contracts';
import type { KafkaMessage } from 'kafkajs';
import type { SqlExecutor } from '../sql-executor.js';
import type { DeadLetterReason } from './dead-letter-headers.js';
import type { HandlerRegistration } from './event-handler.js';
import type { HandlerRegistry } from './handler-registry.js';

export type DecodedEvent<Tx extends SqlExecutor = SqlExecutor> =
  /** Another event type on a shared topic: not ours to handle. */
  | { kind: 'not-handled'; type: string }
  /** Can never be handled, however often it is retried: dead-letter at once. */
  | { kind: 'invalid'; reason: Exclude<DeadLetterReason, 'handler-failed'>; error: string }
  | { kind: 'valid'; envelope: EventEnvelope<unknown>; registration: HandlerRegistration<Tx> };

/**
 * Turns a Kafka message into a typed event: the envelope from the CloudEvents
 * headers, the data from the JSON value, validated by the handler's contract.
 */
export function decodeEvent<Tx extends SqlExecutor>(
  message: Pick<KafkaMessage, 'headers' | 'value'>,
  registry: HandlerRegistry<Tx>,
): DecodedEvent<Tx> {
  const headers = message.headers ?? {};
  const typeHeader = headers[CE_HEADERS.type];
  const type = (Array.isArray(typeHeader) ? typeHeader[0] : typeHeader)?.toString();
  if (type) {
    const registration = registry.find(type);
    if (!registration) return { kind: 'not-handled', type };
  }

  let attributes: Omit<EventEnvelope, 'data'>;
  try {
    attributes = fromKafkaHeaders(headers);
  } catch (error) {
    return { kind: 'invalid', reason: 'invalid-envelope', error: (error as Error).message };
  }
  const registration = registry.find(attributes.type)!;

  let json: unknown;
  try {
    if (!message.value || message.value.length === 0) throw new Error('the message has no value');
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return { kind: 'invalid', reason: 'invalid-json', error: (error as Error).message };
  }

  const parsed = registration.contract.parse(json);
  if (!parsed.success) return { kind: 'invalid', reason: 'invalid-data', error: parsed.error };
  return { kind: 'valid', envelope: { ...attributes, data: parsed.data }, registration };
}
