#!/usr/bin/env node
// shop-replay-dead-letters --topic shop.order.events --group inventory [--dry-run] [--past-window]
// Republishes a consumer group's dead letters to their topic (see replayDeadLetters); prints one summary line.
// Refuses, publishing nothing, dead letters of events older than the inbox's deduplication window
// (SHOP_INBOX_WINDOW_S, default 7 days; docs/adr/0005) unless --past-window.
import { parseArgs } from 'node:util';
import { deadLetterTopic } from '@shop/event-contracts';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '../kafka/kafka-credentials.js';
import { type RetentionConfig, retentionConfigSchema } from '../config/retention-config.js';
import { loadConfig } from '../config/service-config.js';
import { JsonLogger } from '../logging/json-logger.js';
import { replayDeadLetters } from '../messaging/dead-letter-replay/replay-dead-letters.js';

const usage =
  'usage: shop-replay-dead-letters --topic <topic> --group <consumer group> [--dry-run] [--past-window]   (KAFKA_BROKERS, default 127.0.0.1:9092; SHOP_INBOX_WINDOW_S)';

let args: { topic?: string; group?: string; 'dry-run'?: boolean; 'past-window'?: boolean };
let window: RetentionConfig;
try {
  args = parseArgs({
    options: { topic: { type: 'string' }, group: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'past-window': { type: 'boolean' } },
  }).values;
  window = loadConfig(retentionConfigSchema);
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const { topic, group: groupId, 'dry-run': dryRun = false, 'past-window': pastWindow = false } = args;
if (!topic || !groupId) {
  console.error(usage);
  process.exit(2);
}

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'shop-replay-dead-letters', brokers, logLevel: logLevel.ERROR });
// Progress goes to stderr as JSON (warnings and up); the summary is the one line on stdout.
const logger = new JsonLogger('shop-replay-dead-letters', () => ({}), (line) => process.stderr.write(line + '\n'), 'warn');

try {
  const deduplicationWindow = { seconds: window.SHOP_INBOX_WINDOW_S, proceedPastIt: pastWindow };
  const { replayed, skipped } = await replayDeadLetters({ kafka, topic, groupId, logger, dryRun, deduplicationWindow });
  const verb = dryRun ? 'would replay' : 'replayed';
  console.log(`[replay] ${deadLetterTopic(topic, groupId)} -> ${topic}: ${verb} ${replayed}, skipped ${skipped}${dryRun ? ' (dry run)' : ''}`);
} catch (error) {
  console.error(`[replay] failed: ${(error as Error).message}`);
  process.exit(1);
}
