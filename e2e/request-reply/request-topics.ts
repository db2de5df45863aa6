import type { Kafka } from 'kafkajs';

/** Creates each pattern's request and reply topics (auto-creation is off); returns a function deleting them. */
export async function createRequestTopics(
  kafka: Kafka,
  contracts: readonly { pattern: string; replyTopic: string }[],
): Promise<() => Promise<void>> {
  const topics = contracts.flatMap((contract) => [contract.pattern, contract.replyTopic]);
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 3 })), waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
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
