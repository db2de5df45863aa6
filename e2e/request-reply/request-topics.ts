import type { Kafka } from 'kafkajs';
import { createTopicsWithLeaders } from '../support/kafka-test-topics.js';

/** Creates each pattern's request and reply topics (auto-creation is off); returns a function deleting them. */
export async function createRequestTopics(
  kafka: Kafka,
  contracts: readonly { pattern: string; replyTopic: string }[],
): Promise<() => Promise<void>> {
  const topics = contracts.flatMap((contract) => [contract.pattern, contract.replyTopic]);
  await createTopicsWithLeaders(kafka, topics, 3);
  return async () => {
    const cleanup = kafka.admin();
    await cleanup.connect();
    try {
      await cleanup.deleteTopics({ topics });
    } finally {
      await cleanup.disconnect();
    }
  };
}
