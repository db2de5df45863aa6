#!/usr/bin/env node
// Shows a consumer group catching up with its topics (a new subscriber reading
// the shop's history): lag per partition, a progress bar, events per second,
// until it has caught up. Run by `./shop catch-up <group> [topic...]`.
//   --follow   keep watching once caught up (Ctrl-C ends it)
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { kafkaCredentials } from '../kafka/kafka-credentials.js';
import { consumerLag, type PartitionLag } from '../kafka/consumer-lag.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { follow: { type: 'boolean' }, 'timeout-s': { type: 'string' } } });
const [groupId, ...topics] = positionals;
if (!groupId) {
  process.stderr.write('usage: ./shop catch-up <consumer group> [topic...] [--follow]\n');
  process.exit(2);
}
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const admin = new Kafka({ ...kafkaCredentials(), clientId: 'shop-catch-up', brokers, logLevel: logLevel.NOTHING }).admin();
await admin.connect();

const tty = process.stdout.isTTY;
const total = (lags: PartitionLag[]) => lags.reduce((sum, p) => sum + p.lag, 0);
const bar = (fraction: number, width = 30) => `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}]`;

const started = Date.now();
const deadline = values['timeout-s'] ? started + Number(values['timeout-s']) * 1000 : Number.POSITIVE_INFINITY;
let first: PartitionLag[] | undefined;
let previous: { at: number; consumed: number } | undefined;
let lastLine = 0;
for (;;) {
  const lags = await consumerLag(admin, groupId, topics.length > 0 ? topics : undefined);
  if (lags.length === 0) {
    if (Date.now() - lastLine > 5_000) console.log(`${groupId}: no committed position yet (is it running? give its topics to see them before its first commit)`);
    lastLine = Date.now();
  } else {
    first ??= lags;
    const consumed = lags.reduce((sum, p) => sum + p.committed, 0) - first.reduce((sum, p) => sum + p.committed, 0);
    const remaining = total(lags);
    const now = Date.now();
    const rate = previous && now > previous.at ? ((consumed - previous.consumed) * 1000) / (now - previous.at) : 0;
    previous = { at: now, consumed };
    const fraction = consumed + remaining === 0 ? 1 : consumed / (consumed + remaining);
    const perPartition = lags.map((p) => `${p.topic}[${p.partition}] ${p.lag}`).join('  ');
    const line = `${groupId} ${bar(fraction)} ${(fraction * 100).toFixed(0).padStart(3)}%  ${consumed} read, ${remaining} behind, ${rate.toFixed(0)} events/s  |  lag ${perPartition}`;
    if (tty) process.stdout.write(`\r\u001b[2K${line}`);
    else if (now - lastLine >= 5_000 || remaining === 0) {
      console.log(line);
      lastLine = now;
    }
    if (remaining === 0 && !values.follow) {
      const seconds = (now - started) / 1000;
      if (tty) process.stdout.write('\n');
      console.log(`${groupId} caught up: ${consumed} events in ${seconds.toFixed(1)} s (${(consumed / Math.max(seconds, 0.001)).toFixed(0)} events/s)`);
      break;
    }
  }
  if (Date.now() > deadline) {
    console.log(`${groupId}: not caught up within ${values['timeout-s']} s`);
    await admin.disconnect();
    process.exit(1);
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
}
await admin.disconnect();
