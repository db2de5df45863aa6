import type { IHeaders } from 'kafkajs';
import type { Delivery } from './delivery.js';

/** Why an event was dead-lettered: its handler kept failing, or it could never be handled at all. */
export const DEAD_LETTER_REASONS = ['handler-failed', 'unprocessable', 'invalid-envelope', 'invalid-json', 'invalid-data'] as const;

export type DeadLetterReason = (typeof DEAD_LETTER_REASONS)[number];

export interface DeadLetterFailure {
  reason: DeadLetterReason;
  error: string;
  attempts: number;
}

export const DEAD_LETTER_HEADERS = {
  reason: 'dlq_reason',
  error: 'dlq_error',
  attempts: 'dlq_attempts',
  originalTopic: 'dlq_original_topic',
  originalPartition: 'dlq_original_partition',
  originalOffset: 'dlq_original_offset',
  consumerGroup: 'dlq_consumer_group',
  failedAt: 'dlq_failed_at',
} as const;

/** Enough for a message and the start of a stack-less cause; headers are not the place for more. */
export const MAX_DEAD_LETTER_ERROR_LENGTH = 1_000;

/**
 * Every original header (so the envelope and the trace context survive a
 * replay), plus where the event came from and why it failed. dlq_* headers
 * of an earlier dead-lettering are replaced.
 */
export function deadLetterHeaders(
  { topic, partition, message }: Delivery,
  failure: DeadLetterFailure,
  groupId: string,
  failedAt: Date = new Date(),
): IHeaders {
  return {
    ...message.headers,
    [DEAD_LETTER_HEADERS.reason]: failure.reason,
    [DEAD_LETTER_HEADERS.error]: truncate(failure.error, MAX_DEAD_LETTER_ERROR_LENGTH),
    [DEAD_LETTER_HEADERS.attempts]: String(failure.attempts),
    [DEAD_LETTER_HEADERS.originalTopic]: topic,
    [DEAD_LETTER_HEADERS.originalPartition]: String(partition),
    [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    [DEAD_LETTER_HEADERS.consumerGroup]: groupId,
    [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
  };
}

/** `Name: message` of an error (or its string form), for logs and dlq_error. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
  return String(error);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
