import { describeEvent, eventContractByType, fromKafkaHeaders, type OrderStatus, orderStatusSetBy } from '@shop/event-contracts';
import type { KafkaMessage } from 'kafkajs';
import type { StreamEntry } from './stream-entry.js';

/** A Kafka message as a stream shows it: its timeline entry, and the status it sets (order events). */
export interface LiveEvent {
  entry: StreamEntry;
  status?: OrderStatus;
}

/**
 * The entry history records for this message, described with the same
 * describeEvent; undefined for what history would not record either (no
 * valid envelope, a type or data its contract does not know), so a stream
 * never shows an entry the timeline will not have. The time is written as
 * history writes it (an ISO instant in ms), so the two compare equal.
 */
export function liveEventOf(message: Pick<KafkaMessage, 'headers' | 'value'>): LiveEvent | undefined {
  try {
    const envelope = fromKafkaHeaders(message.headers ?? {});
    const contract = eventContractByType(envelope.type);
    const time = new Date(envelope.time);
    if (!contract || message.value === null || Number.isNaN(time.getTime())) return undefined;
    const parsed = contract.parse(JSON.parse(message.value.toString()));
    if (!parsed.success) return undefined;
    const status = orderStatusSetBy(envelope.type);
    return {
      entry: { eventId: envelope.id, type: envelope.type, source: envelope.source, time: time.toISOString(), summary: describeEvent(envelope.type, parsed.data) },
      ...(status && { status }),
    };
  } catch {
    return undefined;
  }
}
