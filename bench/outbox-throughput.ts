// Outbox → relay → idempotent consumer, against a raw kafkajs produce → consume
// baseline measured in the same run on the same broker. Writes a Markdown report.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { defineEvent } from '@shop/event-contracts';
import { EventConsumer, Outbox, OutboxRelay, SqlTransactions, kafkaCredentials, openDatabasePool } from '@shop/runtime';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import { scratchOrderDatabase } from './native-shop.ts';
import { reportFile } from './report-file.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 5000);
const PRODUCERS = Number(process.env.BENCH_CONCURRENCY ?? 8);
// Latency is measured apart, at a steady rate both paths sustain: under saturation it only measures the queue.
const PACED_EVENTS = Number(process.env.BENCH_PACED_EVENTS ?? 1000);
const PACED_RATE = Number(process.env.BENCH_PACED_RATE ?? 100);
const repoRoot = path.resolve(import.meta.dirname, '..');
const env = (name: string, fallback: string) => process.env[name] ?? fallback;
const brokers = env('KAFKA_BROKERS', '127.0.0.1:9092').split(',');
const runId = `${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
const kafka = new Kafka({ ...kafkaCredentials(), clientId: 'bench', brokers, logLevel: logLevel.NOTHING });
const silent = new Logger('bench');
Logger.overrideLogger(['warn', 'error', 'fatal']);

interface Result { name: string; events: number; seconds: number; latenciesMs: number[] }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function createTopic(name: string) {
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: name, numPartitions: 3 }], waitForLeaders: true });
  await admin.disconnect();
}

type Load = { kind: 'saturated'; events: number } | { kind: 'paced'; events: number; perSecond: number };

/** Sends `load.events` items: as fast as PRODUCERS concurrent loops can, or at a steady rate. */
async function drive(load: Load, send: (i: number) => Promise<void>) {
  if (load.kind === 'saturated') {
    let next = 0;
    await Promise.all(
      Array.from({ length: PRODUCERS }, async () => {
        for (let i = next++; i < load.events; i = next++) await send(i);
      }),
    );
    return;
  }
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < load.events; i++) {
    const due = started + (i * 1000) / load.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(send(i));
  }
  await Promise.all(inFlight);
}

async function baseline(load: Load): Promise<Result> {
  const EVENTS = load.events;
  const topic = `bench.baseline.${runId}.${load.kind}`;
  await createTopic(topic);
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  const consumer = kafka.consumer({ groupId: `bench-baseline-${runId}` });
  let done!: () => void;
  const allReceived = new Promise<void>((resolve) => (done = resolve));
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const { i } = JSON.parse(message.value!.toString());
      latencies.push(performance.now() - sentAt.get(i)!);
      if (latencies.length === EVENTS) done();
    },
  });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  const started = performance.now();
  await drive(load, async (i) => {
    sentAt.set(i, performance.now());
    await producer.send({ topic, acks: -1, messages: [{ key: `order-${i % 100}`, value: JSON.stringify({ i }) }] });
  });
  await allReceived;
  const seconds = (performance.now() - started) / 1000;
  await Promise.all([producer.disconnect(), consumer.disconnect()]);
  return { name: `raw kafkajs produce → consume (${load.kind})`, events: EVENTS, seconds, latenciesMs: latencies };
}

async function outboxPath(load: Load): Promise<Result> {
  const EVENTS = load.events;
  const topic = `bench.outbox.${runId}.${load.kind}`;
  await createTopic(topic);
  const { url, drop } = await scratchOrderDatabase(`shop_order_bench_${runId}_${load.kind}`);
  const database = openDatabasePool(url, { max: PRODUCERS + 4 });
  const transactions = new SqlTransactions(database);

  const benchEvent = defineEvent({
    type: 'shop.bench.tick.v1',
    topic,
    version: 1,
    schema: z.object({ orderId: z.string(), i: z.number().int() }),
    key: (data) => data.orderId,
  });
  const outbox = new Outbox('/shop/bench');
  const committedAt = new Map<number, number>();
  const latencies: number[] = [];
  let done!: () => void;
  const allHandled = new Promise<void>((resolve) => (done = resolve));
  const consumer = new EventConsumer({
    kafka,
    groupId: `bench-outbox-${runId}-${load.kind}`,
    database: transactions,
    logger: silent,
    partitionsConsumedConcurrently: 3,
  });
  consumer.on(benchEvent, async ({ i }) => {
    latencies.push(performance.now() - committedAt.get(i)!);
    if (latencies.length === EVENTS) done();
  });
  await consumer.start();
  const relay = new OutboxRelay({ databaseUrl: url, kafka, logger: silent });
  await relay.start();

  const started = performance.now();
  await drive(load, async (i) => {
    await transactions.$transaction((tx) => outbox.publish(tx, benchEvent, { orderId: `order-${i % 100}`, i }));
    committedAt.set(i, performance.now());
  });
  await allHandled;
  const seconds = (performance.now() - started) / 1000;
  await consumer.stop();
  await relay.stop();
  await database.pool.end();
  await drop();
  return { name: `outbox → relay → idempotent consumer (${load.kind})`, events: EVENTS, seconds, latenciesMs: latencies };
}

function row(result: Result) {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  return {
    ...result,
    throughput: result.events / result.seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

const saturated: Load = { kind: 'saturated', events: EVENTS };
const paced: Load = { kind: 'paced', events: PACED_EVENTS, perSecond: PACED_RATE };
const raw = { saturated: row(await baseline(saturated)), paced: row(await baseline(paced)) };
const outboxed = { saturated: row(await outboxPath(saturated)), paced: row(await outboxPath(paced)) };
const fmt = (n: number, digits = 1) => n.toFixed(digits);
const line = (r: ReturnType<typeof row>) => `| ${r.name} | ${fmt(r.throughput, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} |`;
const report = `# Outbox throughput — ${new Date().toISOString()}

One broker and one PostgreSQL on this machine (${process.platform}, ${os.cpus().length} cores, Node ${process.version}),
keys over 100 orders, topics with 3 partitions. Latency: from send (raw) or commit (outbox) until the
consumer's handler sees the event. Saturated: ${EVENTS} events from ${PRODUCERS} concurrent producers, as fast
as they go (events/s = all handled / elapsed; latency there is mostly queueing). Paced: ${PACED_EVENTS} events
at ${PACED_RATE}/s, a load both paths sustain, so latency is the path's own.

| path | events/s | p50 ms | p99 ms |
| --- | ---: | ---: | ---: |
${line(raw.saturated)}
${line(outboxed.saturated)}
${line(raw.paced)}
${line(outboxed.paced)}

Outbox / raw saturated throughput: **${fmt(outboxed.saturated.throughput / raw.saturated.throughput, 2)}**.
Outbox / raw paced latency: p50 **${fmt(outboxed.paced.p50 / raw.paced.p50, 2)}×**, p99 **${fmt(outboxed.paced.p99 / raw.paced.p99, 2)}×**.

The outbox path pays for one PostgreSQL transaction per event (insert + NOTIFY), the relay's
read-and-stamp round trips, and the consumer's inbox transaction (up to 20 events a transaction when a
fetch brings several, the runtime's default); the raw path pays for
one acknowledged produce per event and does nothing when consuming.
`;
mkdirSync(path.join(repoRoot, 'bench/reports'), { recursive: true });
const file = reportFile('outbox-throughput', new Date(), path.join(repoRoot, 'bench/reports'));
writeFileSync(file, report);
process.stdout.write(report + `\nreport written to ${path.relative(repoRoot, file)}\n`);
