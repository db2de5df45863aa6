import { Injectable, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { defineEvent } from '@shop/event-contracts';
import {
  type DatabasePool,
  DatabaseModule,
  type EventContext,
  type EventHandlerProvider,
  KAFKA_RETRY,
  MessagingModule,
  openDatabasePool,
  Outbox,
  RuntimeModule,
  SqlTransactions,
} from '@shop/runtime';
import type { Kafka } from 'kafkajs';
import { z } from 'zod';
import { createTestTopic, recordTopic } from '../support/kafka-test-topics.js';
import { NativeInstance } from '../support/native-instance.js';
import { uniqueSuffix } from '../support/environment.js';
import { waitFor } from '../support/wait-for.js';

/**
 * A service built on the runtime (outbox, relay, idempotent consumer, /health)
 * answers every ping with a pong, while a writer keeps committing pings. Its
 * PostgreSQL, then its Kafka, are stopped and started again under it, on an
 * infrastructure of this test's own. The service must notice, say so in
 * /health, come back by itself, and lose, double and reorder nothing.
 */
const instance = new NativeInstance(5700);
const HTTP_PORT = 3195;
const KEYS = ['order-a', 'order-b', 'order-c', 'order-d'];
const stepSchema = z.object({ orderId: z.string(), step: z.number().int() });
type Step = z.infer<typeof stepSchema>;

interface Check {
  status: 'up' | 'down';
  error?: string;
  downSince?: string;
  downForMs?: number;
}
interface HealthReport {
  status: 'up' | 'down';
  checks: Record<string, Check>;
}

async function health(): Promise<{ code: number; report: HealthReport }> {
  const response = await fetch(`http://127.0.0.1:${HTTP_PORT}/health`);
  return { code: response.status, report: (await response.json()) as HealthReport };
}

/** Commits pings one after the other, each step retried until its transaction commits (as any caller would). */
class PingWriter {
  readonly committed: { id: string; orderId: string; step: number }[] = [];
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly transactions: SqlTransactions,
    private readonly outbox: Outbox,
    private readonly ping: ReturnType<typeof defineEvent<Step>>,
  ) {}

  start() {
    this.running = true;
    this.loop = (async () => {
      for (let n = this.committed.length; this.running; n++) {
        const data = { orderId: KEYS[n % KEYS.length]!, step: Math.floor(n / KEYS.length) };
        for (;;) {
          try {
            const envelope = await this.transactions.$transaction((tx) => this.outbox.publish(tx, this.ping, data));
            this.committed.push({ id: envelope.id, ...data });
            break;
          } catch {
            if (!this.running) return;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
  }

  async stop() {
    this.running = false;
    await this.loop;
  }
}

describe('lost connections: PostgreSQL and Kafka restarted under a running service', () => {
  let kafka: Kafka;
  let app: INestApplication;
  let writerConnections: DatabasePool;
  let writer: PingWriter;
  let pongs: Awaited<ReturnType<typeof recordTopic>>;
  let ping: ReturnType<typeof defineEvent<Step>>;
  let pong: ReturnType<typeof defineEvent<Step>>;

  beforeAll(async () => {
    await instance.resolve();
    await instance.infra('start', 'postgres', 'kafka');
    await instance.migrate('order');
    kafka = instance.kafka('e2e-resilience', { retry: KAFKA_RETRY });
    ping = defineEvent({ type: 'shop.e2e.ping.v1', topic: await createTestTopic(kafka, 'ping'), version: 1, schema: stepSchema, key: (d) => d.orderId });
    pong = defineEvent({ type: 'shop.e2e.pong.v1', topic: await createTestTopic(kafka, 'pong'), version: 1, schema: stepSchema, key: (d) => d.orderId });

    @Injectable()
    class PingHandler implements EventHandlerProvider<Step> {
      readonly contract = ping;
      constructor(private readonly outbox: Outbox) {}
      async handle(data: Step, { tx, envelope }: EventContext<Step>) {
        await this.outbox.publish(tx, pong, data, { causedBy: envelope });
      }
    }
    const { PrismaClient } = await import('../../apps/order/src/generated/prisma/client.js');
    @Module({
      imports: [RuntimeModule, DatabaseModule.forRoot(PrismaClient), MessagingModule.forRoot({ handlers: [PingHandler] })],
      providers: [PingHandler],
    })
    class PingPongModule {}

    Object.assign(process.env, {
      SERVICE_NAME: `e2e-resilience-${uniqueSuffix()}`,
      PORT: String(HTTP_PORT),
      DATABASE_URL: instance.databaseUrl('order'),
      // The second shop's own Kafka login (its state folder's passwords), not the shared shop's this process was given.
      ...instance.kafkaEnvironment,
    });
    app = await NestFactory.create(PingPongModule, { logger: false });
    await app.listen(HTTP_PORT, '127.0.0.1');
    pongs = await recordTopic(kafka, pong.topic);
    await waitFor('the service to be healthy', async () => ((await health()).code === 200 ? true : undefined), { timeoutMs: 60_000 });

    writerConnections = openDatabasePool(instance.databaseUrl('order'), { connectionTimeoutMillis: 2_000 });
    writer = new PingWriter(new SqlTransactions(writerConnections), new Outbox('/shop/e2e-writer'), ping);
  }, 180_000);

  afterAll(async () => {
    await writer?.stop();
    await pongs?.stop().catch(() => undefined);
    await app?.close();
    await writerConnections?.pool.end();
    await instance.dispose();
  }, 120_000);

  /** Every ping committed so far gets exactly one pong event (whatever the duplicates on the wire), in step order per key. */
  async function expectEveryPingAnsweredOnce() {
    const committed = [...writer.committed];
    await waitFor(
      `a pong for each of the ${committed.length} pings`,
      async () => {
        const answered = new Set(pongs.received.map((m) => m.headers.ce_causationid));
        return committed.every((p) => answered.has(p.id)) ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 250 },
    );
    const pongIdsByPing = new Map<string, Set<string>>();
    for (const message of pongs.received) {
      const ids = pongIdsByPing.get(message.headers.ce_causationid!) ?? new Set<string>();
      ids.add(message.headers.ce_id!);
      pongIdsByPing.set(message.headers.ce_causationid!, ids);
    }
    const answeredTwice = committed.filter((p) => pongIdsByPing.get(p.id)!.size !== 1);
    expect(answeredTwice).toEqual([]);

    const seen = new Set<string>();
    for (const key of KEYS) {
      const steps = pongs.received
        .filter((m) => m.key === key && !seen.has(m.headers.ce_id!) && seen.add(m.headers.ce_id!))
        .map((m) => (m.value as Step).step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
    }
    return committed.length;
  }

  const pingsAfter = (count: number) =>
    waitFor(`pings to be committed past ${count}`, async () => (writer.committed.length >= count ? true : undefined), { timeoutMs: 60_000 });

  it('PostgreSQL restarts: the relay reconnects and takes its lock again, /health says 503 then 200, every ping answered once', async () => {
    writer.start();
    await pingsAfter(30);

    await instance.infra('stop', 'postgres');
    const down = await waitFor('/health to report the database and the relay down', async () => {
      const { code, report } = await health();
      return code === 503 && report.checks.database?.status === 'down' && report.checks['outbox-relay']?.status === 'down' ? report : undefined;
    }, { timeoutMs: 30_000, intervalMs: 100 });
    expect(down.checks['outbox-relay']!.error).toMatch(/^the outbox relay cannot publish: /);
    expect(Date.parse(down.checks['outbox-relay']!.downSince!)).toBeLessThanOrEqual(Date.now());
    expect(down.checks['outbox-relay']!.downForMs).toBeGreaterThanOrEqual(0);

    const committedWhileDown = writer.committed.length;
    await instance.infra('start', 'postgres');
    await waitFor('/health to be 200 again', async () => ((await health()).code === 200 ? true : undefined), { timeoutMs: 60_000, intervalMs: 200 });
    await pingsAfter(committedWhileDown + 30);
    await writer.stop();

    expect(await expectEveryPingAnsweredOnce()).toBeGreaterThanOrEqual(60);
  });

  it('Kafka restarts: the consumer and the relay come back by themselves, /health says 503 then 200, every ping answered once', async () => {
    writer.start();
    const before = writer.committed.length;
    await pingsAfter(before + 30);

    // The test's own recorder would be cut off too; it reads the whole topic again afterwards.
    await pongs.stop();
    await instance.infra('stop', 'kafka');
    const down = await waitFor('/health to report Kafka and the relay down', async () => {
      const { code, report } = await health();
      return code === 503 && report.checks.kafka?.status === 'down' && report.checks['outbox-relay']?.status === 'down' ? report : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });
    expect(down.checks['outbox-relay']!.error).toMatch(/Kafka has not acknowledged a batch/);

    const committedWhileDown = writer.committed.length;
    await instance.infra('start', 'kafka');
    await waitFor('/health to be 200 again', async () => ((await health()).code === 200 ? true : undefined), { timeoutMs: 90_000, intervalMs: 200 });
    await pingsAfter(committedWhileDown + 30);
    await writer.stop();

    pongs = await recordTopic(kafka, pong.topic);
    expect(await expectEveryPingAnsweredOnce()).toBeGreaterThan(before + 60);
  });
});
