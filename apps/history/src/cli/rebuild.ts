// Rebuilds history's read model from the event topics into an empty database.
//   DATABASE_URL=postgresql://…/shop_history_rebuilt [KAFKA_BROKERS=127.0.0.1:9092] \
//     pnpm --filter @shop/history run rebuild [--no-migrate] [--stall-timeout-ms 120000]
// (`run`: without it, `pnpm rebuild` is pnpm's own command.)
// Logs go to stderr as JSON lines; the result is one JSON line on stdout.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { databaseConfigSchema, JsonLogger, loadConfig, serviceConfigSchema } from '@shop/runtime';
import { rebuildReadModel } from '../rebuild/rebuild-read-model.js';

const { values: args } = parseArgs({
  options: {
    'no-migrate': { type: 'boolean', default: false },
    'stall-timeout-ms': { type: 'string', default: '120000' },
  },
});

// A consumer group never used before starts at the beginning of every topic.
const consumerGroup = `history-rebuild-${Date.now()}`;
const logger = new JsonLogger(consumerGroup, undefined, (line) => process.stderr.write(line + '\n'));

try {
  const stallTimeoutMs = Number(args['stall-timeout-ms']);
  if (!Number.isInteger(stallTimeoutMs) || stallTimeoutMs <= 0) throw new Error('--stall-timeout-ms must be a positive integer');
  const config = loadConfig(serviceConfigSchema.extend(databaseConfigSchema.shape), {
    SERVICE_NAME: consumerGroup,
    // Required by the runtime's config; the rebuild serves no HTTP and no requests.
    PORT: process.env.PORT ?? '3005',
    DATABASE_URL: process.env.DATABASE_URL,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  });
  const result = await rebuildReadModel({
    config,
    migrate: !args['no-migrate'],
    stallTimeoutMs,
    logger,
  });
  process.stdout.write(JSON.stringify({ msg: 'rebuilt', ...result }) + '\n');
  process.exit(0);
} catch (error) {
  process.stderr.write(`rebuild failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
