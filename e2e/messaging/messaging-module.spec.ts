import { Injectable, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { defineEvent, type EventEnvelope } from '@shop/event-contracts';
import {
  DatabaseModule,
  type EventContext,
  type EventHandlerProvider,
  MessagingModule,
  Outbox,
  type PrismaClientLike,
  RuntimeModule,
  SqlTransactions,
  startInMemoryTracing,
  withSpan,
} from '@shop/runtime';
import { z } from 'zod';
import { isDatabaseSpan } from '../support/database-spans.js';
import { infra } from '../support/environment.js';
import { createTestTopic, recordTopic, testKafka } from '../support/kafka-test-topics.js';
import { createScratchDatabase, type ScratchDatabase } from '../support/scratch-database.js';
import { waitFor } from '../support/wait-for.js';

const kafka = testKafka('e2e-messaging-module');
const pingSchema = z.object({ orderId: z.string() });

describe('MessagingModule in a Nest app: outbox, relay, consumer and one trace across the hops', () => {
  let database: ScratchDatabase<PrismaClientLike>;
  let app: INestApplicationContext;
  const tracing = startInMemoryTracing('e2e-messaging');
  let ping: ReturnType<typeof defineEvent<z.infer<typeof pingSchema>>>;
  let pong: ReturnType<typeof defineEvent<z.infer<typeof pingSchema>>>;

  beforeAll(async () => {
    database = await createScratchDatabase<PrismaClientLike>('order');
    ping = defineEvent({ type: 'shop.e2e.ping.v1', topic: await createTestTopic(kafka, 'ping'), version: 1, schema: pingSchema, key: (d) => d.orderId });
    pong = defineEvent({ type: 'shop.e2e.pong.v1', topic: await createTestTopic(kafka, 'pong'), version: 1, schema: pingSchema, key: (d) => d.orderId });

    /** Answers every ping with a pong, through the outbox, in the inbox's transaction. */
    @Injectable()
    class PingHandler implements EventHandlerProvider<z.infer<typeof pingSchema>> {
      readonly contract = ping;
      constructor(private readonly outbox: Outbox) {}
      async handle(data: z.infer<typeof pingSchema>, { tx, envelope }: EventContext<z.infer<typeof pingSchema>>) {
        await this.outbox.publish(tx, pong, data, { causedBy: envelope });
      }
    }
    @Module({
      imports: [RuntimeModule, DatabaseModule.forRoot(database.client.constructor as never), MessagingModule.forRoot({ handlers: [PingHandler] })],
      providers: [PingHandler],
    })
    class PingPongModule {}

    Object.assign(process.env, {
      SERVICE_NAME: `e2e-pingpong-${Date.now().toString(36)}`,
      PORT: '3199',
      DATABASE_URL: database.url,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    });
    app = await NestFactory.createApplicationContext(PingPongModule, { logger: ['warn', 'error'] });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
    await tracing.shutdown();
  });

  it('turns a committed ping into a pong caused by it, in the same trace, parent to child at every hop', async () => {
    const pongs = await recordTopic(kafka, pong.topic);
    try {
      const serviceTransactions = app.get(SqlTransactions);
      const outbox = app.get(Outbox);
      let sent!: EventEnvelope;
      await withSpan('test request', { kind: SpanKind.SERVER }, () =>
        serviceTransactions.$transaction(async (tx) => {
          sent = await outbox.publish(tx, ping, { orderId: 'order-ping-1' });
        }),
      );

      const [answer] = await waitFor('the pong', async () => (pongs.received.length > 0 ? pongs.received : undefined));
      expect(answer!.headers).toMatchObject({
        ce_type: 'shop.e2e.pong.v1',
        ce_subject: 'order-ping-1',
        ce_causationid: sent.id,
        ce_correlationid: sent.correlationId,
      });

      const spans = await waitFor('the pong publish span', async () => {
        const ended = await tracing.spans();
        return ended.some((s) => s.name === 'shop.e2e.pong.v1 publish') ? ended : undefined;
      });
      const byName = (name: string) => spans.find((s) => s.name === name)!;
      const chain = [
        'test request',
        'shop.e2e.ping.v1 create',
        'shop.e2e.ping.v1 publish',
        'shop.e2e.ping.v1 process',
        'shop.e2e.pong.v1 create',
        'shop.e2e.pong.v1 publish',
      ].map(byName);
      // An event is written inside its transaction: the transaction's span may stand between it and its cause.
      const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
      const parentOf = (span: ReadableSpan): string | undefined => {
        const parent = byId.get(span.parentSpanContext?.spanId ?? '');
        return parent && isDatabaseSpan(parent.name) ? parentOf(parent) : span.parentSpanContext?.spanId;
      };
      expect(chain.map((s) => s.spanContext().traceId)).toEqual(Array(6).fill(chain[0]!.spanContext().traceId));
      for (let i = 1; i < chain.length; i++) expect(parentOf(chain[i]!)).toBe(chain[i - 1]!.spanContext().spanId);
      expect(chain.map((s) => s.kind)).toEqual([
        SpanKind.SERVER,
        SpanKind.PRODUCER,
        SpanKind.PRODUCER,
        SpanKind.CONSUMER,
        SpanKind.PRODUCER,
        SpanKind.PRODUCER,
      ]);
      expect(byName('shop.e2e.ping.v1 process').attributes).toMatchObject({
        'messaging.destination.name': ping.topic,
        'messaging.message.id': sent.id,
      });
    } finally {
      await pongs.stop();
    }
  });

  it('keeps each event in its own trace when events fetched together share a transaction', async () => {
    const pongs = await recordTopic(kafka, pong.topic);
    try {
      const serviceTransactions = app.get(SqlTransactions);
      const outbox = app.get(Outbox);
      const orderId = 'order-pings-together'; // one key, one partition: the five arrive in one fetch
      const earlier = new Set((await tracing.spans()).map((s) => s.spanContext().spanId));
      const sent: EventEnvelope[] = [];
      // Five requests, one transaction: the relay sends the five pings in one batch.
      await withSpan('test transaction', {}, () =>
        serviceTransactions.$transaction(async (tx) => {
          for (let i = 0; i < 5; i++) {
            await withSpan(`test request ${i}`, { kind: SpanKind.SERVER }, async () => void sent.push(await outbox.publish(tx, ping, { orderId })));
          }
        }),
      );

      await waitFor('five pongs', async () => (pongs.received.filter((m) => m.key === orderId).length === 5 ? true : undefined));
      const spans = await waitFor('five pong publish spans', async () => {
        const ended = await tracing.spans();
        const ours = ended.filter((s) => s.name === 'shop.e2e.pong.v1 publish' && s.attributes['kafka.message.key'] === orderId);
        return ours.length === 5 ? ended : undefined;
      });
      const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
      const causeOf = (span: ReadableSpan): ReadableSpan | undefined => {
        const parent = byId.get(span.parentSpanContext?.spanId ?? '');
        return parent && isDatabaseSpan(parent.name) ? causeOf(parent) : parent;
      };
      for (const [i, event] of sent.entries()) {
        const processed = spans.find((s) => s.name === 'shop.e2e.ping.v1 process' && s.attributes['messaging.message.id'] === event.id)!;
        const created = spans.filter((s) => s.name === 'shop.e2e.pong.v1 create' && causeOf(s) === processed);
        expect(created).toHaveLength(1);
        const ancestors: string[] = [];
        for (let span = causeOf(processed); span; span = causeOf(span)) ancestors.push(span.name);
        expect(ancestors).toEqual(['shop.e2e.ping.v1 publish', 'shop.e2e.ping.v1 create', `test request ${i}`, 'test transaction']);
      }
      // The transaction the five shared on the consumer's side is in none of their traces, nor a trace of its own.
      const roots = spans.filter((s) => !s.parentSpanContext && !earlier.has(s.spanContext().spanId));
      expect(roots.map((s) => s.name)).toEqual(['test transaction']);
    } finally {
      await pongs.stop();
    }
  });
});
