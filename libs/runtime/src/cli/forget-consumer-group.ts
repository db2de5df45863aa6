#!/usr/bin/env node
// Deletes a consumer group and its dead-letter topics (<topic>.dlq.<group>):
// what `./shop remove subscriber` leaves behind in Kafka otherwise.
// Usage: node libs/runtime/dist/cli/forget-consumer-group.js <group>
import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '../kafka/kafka-credentials.js';
import { retryUntil } from '../resilience/retry-until.js';

const groupId = process.argv[2];
if (!groupId) {
  process.stderr.write('usage: forget-consumer-group <group>\n');
  process.exit(2);
}
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const admin = new Kafka({ ...kafkaCredentials(), clientId: 'shop-forget-group', brokers, logLevel: logLevel.NOTHING }).admin();

async function forget(): Promise<string> {
  const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
  if (groups.includes(groupId)) await admin.deleteGroups([groupId]);
  const deadLetters = (await admin.listTopics()).filter((topic) => topic.endsWith(`.dlq.${groupId}`));
  if (deadLetters.length > 0) await admin.deleteTopics({ topics: deadLetters });
  return `[kafka] consumer group ${groupId}: ${groups.includes(groupId) ? 'deleted' : 'none'}; dead-letter topics deleted: ${deadLetters.join(', ') || 'none'}`;
}

// A broker that has just started answers "the coordinator is loading" for a while: tried again for up to 30 s.
let lastError: unknown;
const said = await retryUntil(
  async () => {
    await admin.connect();
    return forget();
  },
  { signal: AbortSignal.timeout(30_000), onFailure: (error) => (lastError = error) },
);
await admin.disconnect();
if (said === undefined) {
  process.stderr.write(`[kafka] could not forget consumer group ${groupId}: ${(lastError as Error | undefined)?.message ?? 'no answer'}\n`);
  process.exit(1);
}
console.log(said);
