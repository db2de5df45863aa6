// Runs an outbox relay in a process of its own, so a test can kill it mid-batch.
// Env: DATABASE_URL, KAFKA_BROKERS, RELAY_BATCH_SIZE. Prints "published <n>" after each batch.
import { OutboxRelay, kafkaCredentials } from '@shop/runtime';
import { Kafka, logLevel } from 'kafkajs';

const quiet = { log() {}, warn() {}, error: (m) => process.stderr.write(`${m}\n`), debug() {}, verbose() {} };
const relay = new OutboxRelay({
  databaseUrl: process.env.DATABASE_URL,
  kafka: new Kafka({ ...kafkaCredentials(), clientId: 'relay-process', brokers: process.env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING }),
  logger: quiet,
  batchSize: Number(process.env.RELAY_BATCH_SIZE ?? 50),
});
await relay.start();
process.stdout.write('started\n');
