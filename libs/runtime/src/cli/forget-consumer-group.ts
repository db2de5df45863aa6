#!/usr/bin/env node
// Deletes a consumer group and its dead-letter topics (<topic>.dlq.<group>):
// what `./shop remove subscriber` leaves behind in Kafka otherwise.
// Usage: node libs/runtime/dist/cli/forget-consumer-group.js <group>
import { Kafka, logLevel } from 'kafkajs';

const groupId = process.argv[2];
if (!groupId) {
  process.stderr.write('usage: forget-consumer-group <group>\n');
  process.exit(2);
}
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const admin = new Kafka({ clientId: 'shop-forget-group', brokers, logLevel: logLevel.NOTHING }).admin();
await admin.connect();
try {
  const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
  if (groups.includes(groupId)) await admin.deleteGroups([groupId]);
  const deadLetters = (await admin.listTopics()).filter((topic) => topic.endsWith(`.dlq.${groupId}`));
  if (deadLetters.length > 0) await admin.deleteTopics({ topics: deadLetters });
  console.log(`[kafka] consumer group ${groupId}: ${groups.includes(groupId) ? 'deleted' : 'none'}; dead-letter topics deleted: ${deadLetters.join(', ') || 'none'}`);
} finally {
  await admin.disconnect();
}
