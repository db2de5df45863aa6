#!/usr/bin/env node
// Creates every topic the contracts library declares, with its retention
// (events for ever, requests and replies an hour; see TOPIC_RETENTION) and its
// replication (topicReplication: 3 replicas and min.insync.replicas 2 on a
// cluster of 3 brokers or more, one per broker on a smaller one), and brings
// the config of existing ones in line. Run by ./shop up, ./shop test and
// compose's one-shot `topics` service. On a broker that enforces ACLs
// (SHOP_KAFKA_AUTH=scram) it then grants each service what it needs (kafka/acl/).
import { readFile } from 'node:fs/promises';
import { EVENT_TOPICS, REQUEST_TOPICS } from '@shop/event-contracts';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '../kafka/kafka-credentials.js';
import { enforcesAcls, ensureAcls } from '../kafka/acl/kafka-acls.js';
import type { AclRule } from '../kafka/acl/service-acls.js';
import { clusterReplication, ensureTopics, TOPIC_RETENTION, type TopicReplication } from '../kafka/topic-admin.js';
import { retryUntil } from '../resilience/retry-until.js';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const partitions = Number(process.env.KAFKA_TOPIC_PARTITIONS ?? 3);
const replicasSaid = ({ replicationFactor, minInsyncReplicas }: TopicReplication) =>
  replicationFactor === 1 ? '1 replica' : `${replicationFactor} replicas, min.insync.replicas ${minInsyncReplicas}`;
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'shop-ensure-topics', brokers, logLevel: logLevel.NOTHING });

// A broker that has just started may answer "does not host this topic-partition" while it elects the new
// topics' leaders: the whole step is tried again (it is idempotent) for up to a minute, and the last error said.
let lastError: unknown;

/**
 * The services' ACLs: from SHOP_KAFKA_ACLS_FILE where the repository is not at hand (compose's
 * one-shot `topics` runs in an app's image; ./shop compose writes deploy/kafka-acls.json), else
 * read from the apps' handlers (shop-acls.ts, loaded only then).
 */
async function grantServiceAcls(): Promise<number> {
  const file = process.env.SHOP_KAFKA_ACLS_FILE;
  const rules: AclRule[] = file ? JSON.parse(await readFile(file, 'utf8')) : (await import('../kafka/acl/shop-acls.js')).shopAcls();
  await ensureAcls(kafka, rules);
  return rules.length;
}
const ensured = await retryUntil(
  async () => {
    // As many brokers as the cluster lists, or as KAFKA_BROKERS names if more (one of them may be down).
    const replication = await clusterReplication(kafka, brokers.length);
    const events = await ensureTopics(kafka, EVENT_TOPICS, partitions, TOPIC_RETENTION.forever, replication);
    const requests = await ensureTopics(kafka, REQUEST_TOPICS, partitions, TOPIC_RETENTION.oneHour, replication);
    const acls = (await enforcesAcls(kafka)) ? await grantServiceAcls() : undefined;
    return { events, requests, replication, acls };
  },
  { signal: AbortSignal.timeout(60_000), onFailure: (error) => (lastError = error) },
);
if (!ensured) {
  console.error(`[topics] failed: ${(lastError as Error | undefined)?.message ?? 'no answer from Kafka'}`);
  process.exit(1);
}
const { events, requests, replication, acls } = ensured;
const created = [...events.created, ...requests.created];
const reconfigured = [...events.reconfigured, ...requests.reconfigured];
const total = EVENT_TOPICS.length + REQUEST_TOPICS.length;
console.log(
  [
    created.length > 0
      ? `[topics] created ${created.join(', ')} (${partitions} partitions, ${replicasSaid(replication)})`
      : `[topics] all ${total} topics exist`,
    ...(reconfigured.length > 0 ? [`[topics] config set on ${reconfigured.join(', ')}`] : []),
    ...(acls === undefined ? [] : [`[topics] ${acls} ACLs of the services in place`]),
  ].join('\n'),
);
