import { CE_HEADERS } from '@shop/event-contracts';
import { DEAD_LETTER_HEADERS } from '../consumer/dead-letter-headers.js';

/** One dead letter as an operator reads it: which event, why it failed, when, and whether it was replayed. */
export interface DeadLetterView {
  /** Where it is in the dead-letter topic; with `offset`, the position a page continues after. */
  partition: number;
  offset: string;
  /** The event's ce_id and ce_type; absent when its envelope was what failed (reason invalid-envelope). */
  eventId?: string;
  type?: string;
  /** The Kafka key: the order id, or a product's sku. */
  key?: string;
  /** dlq_reason: handler-failed, unprocessable, invalid-envelope, invalid-json or invalid-data. */
  reason: string;
  /** dlq_error: the last error, at most 1,000 characters. */
  error?: string;
  attempts?: number;
  /** dlq_failed_at: when the group gave up on it (ISO 8601). */
  failedAt?: string;
  /** Where the event was when it failed. */
  originalTopic?: string;
  originalPartition?: number;
  originalOffset?: string;
  /** True once a replay republished it (the replay group's committed offset is past it). */
  replayed: boolean;
}

/** The dead-letter reason of a message that has no dlq_reason header (not written by the runtime). */
export const UNKNOWN_REASON = 'unknown';

/**
 * A dead letter from its message: the envelope's and the dlq_* headers, never
 * the value (the event's data may be large, or personal, and a replay needs no one to read it).
 */
export function deadLetterView(
  message: { partition: number; offset: string; key: string | null; headers: Record<string, string> },
  replayedBelow: bigint,
): DeadLetterView {
  const { headers } = message;
  const number = (name: string) => (headers[name] !== undefined && /^\d+$/.test(headers[name]) ? Number(headers[name]) : undefined);
  const view: DeadLetterView = {
    partition: message.partition,
    offset: message.offset,
    eventId: headers[CE_HEADERS.id],
    type: headers[CE_HEADERS.type],
    key: message.key ?? undefined,
    reason: headers[DEAD_LETTER_HEADERS.reason] ?? UNKNOWN_REASON,
    error: headers[DEAD_LETTER_HEADERS.error],
    attempts: number(DEAD_LETTER_HEADERS.attempts),
    failedAt: headers[DEAD_LETTER_HEADERS.failedAt],
    originalTopic: headers[DEAD_LETTER_HEADERS.originalTopic],
    originalPartition: number(DEAD_LETTER_HEADERS.originalPartition),
    originalOffset: headers[DEAD_LETTER_HEADERS.originalOffset],
    replayed: BigInt(message.offset) < replayedBelow,
  };
  // Absent rather than undefined, so the JSON says only what the dead letter carries.
  return Object.fromEntries(Object.entries(view).filter(([, value]) => value !== undefined)) as DeadLetterView;
}
