import { DeadLetterReadTimeoutError, NoDeadLetterTopicError, PastDeduplicationWindowError, ReplayInProgressError } from '@shop/runtime';
import { ProblemException, Problems } from '../problem/problem.js';

/** Retry-After when Kafka did not answer: a broker back from a restart takes a few seconds. */
export const KAFKA_RETRY_AFTER_SECONDS = 5;

/**
 * The problem a dead-letter operation's failure is: an unknown group or topic
 * 404, a replay already running or reaching past the deduplication window 409, Kafka unreachable or too slow 503.
 * Anything else is the gateway's own failure (a 500 from ProblemFilter).
 */
export function deadLetterProblem(error: unknown, group: string, topic: string): unknown {
  if (error instanceof ProblemException) return error;
  if (error instanceof NoDeadLetterTopicError) {
    return Problems.notFound(`the consumer group ${group} has no dead letters of ${topic} (no topic ${error.deadLetterTopic}): has it ever consumed ${topic}?`);
  }
  if (error instanceof ReplayInProgressError || error instanceof PastDeduplicationWindowError) return Problems.conflict(error.message);
  // kafkajs's own errors (connection refused, retries exhausted, …) are all named KafkaJS…: Kafka is down or slow.
  if (error instanceof DeadLetterReadTimeoutError || (error instanceof Error && error.name.startsWith('KafkaJS'))) {
    return Problems.unavailable(`Kafka did not answer: ${(error as Error).message}`, KAFKA_RETRY_AFTER_SECONDS);
  }
  return error;
}
