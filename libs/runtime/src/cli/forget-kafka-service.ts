#!/usr/bin/env node
// Forgets a removed service in Kafka: its consumer group, its dead-letter topics
// (<topic>.dlq.<group>) and the ACLs of its login (User:<service>), what
// `./shop remove subscriber` would leave behind otherwise. Its SCRAM login stays,
// with no rights: a later service of that name gets the same password and its own ACLs.
// Usage: node libs/runtime/dist/cli/forget-kafka-service.js <service>
import { Kafka, logLevel } from 'kafkajs';
import { revokeAcls } from '../kafka/acl/kafka-acls.js';
import { kafkaCredentials } from '../kafka/kafka-credentials.js';
import { retryUntil } from '../resilience/retry-until.js';

const service = process.argv[2];
if (!service) {
  process.stderr.write('usage: forget-kafka-service <service>\n');
  process.exit(2);
}
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'shop-forget-service', brokers, logLevel: logLevel.NOTHING });
const admin = kafka.admin();

async function forget(): Promise<string> {
  // The service's consumer group is named as the service.
  const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
  if (groups.includes(service)) await admin.deleteGroups([service]);
  const deadLetters = (await admin.listTopics()).filter((topic) => topic.endsWith(`.dlq.${service}`));
  if (deadLetters.length > 0) await admin.deleteTopics({ topics: deadLetters });
  const acls = await revokeAcls(kafka, `User:${service}`);
  return `[kafka] consumer group ${service}: ${groups.includes(service) ? 'deleted' : 'none'}; dead-letter topics deleted: ${deadLetters.join(', ') || 'none'}; ACLs of User:${service} deleted: ${acls}`;
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
  process.stderr.write(`[kafka] could not forget ${service}: ${(lastError as Error | undefined)?.message ?? 'no answer'}\n`);
  process.exit(1);
}
console.log(said);
