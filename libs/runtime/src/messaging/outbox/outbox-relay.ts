import type { LoggerService } from '@nestjs/common';
import { type Span, SpanKind, SpanStatusCode, ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import pg from 'pg';
import { contextFromTraceHeaders, currentTraceHeaders, messagingAttributes } from '../../tracing/kafka-propagation.js';
import { runtimeTracer } from '../../tracing/tracer.js';
import { OUTBOX_CHANNEL } from './outbox-channel.js';

interface OutboxRow {
  sequence: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  headers: Record<string, string>;
  payload: unknown;
}

export interface OutboxRelayOptions {
  databaseUrl: string;
  kafka: Kafka;
  logger: LoggerService;
  /** Rows published per round trip. */
  batchSize?: number;
  /** A safety net for a missed notification (e.g. across a reconnect); the relay normally wakes on NOTIFY. */
  safetyPollMs?: number;
}

// One relay per database publishes at a time, so a second instance cannot reorder a key.
const RELAY_LOCK_KEY = 0x5e1a7;

/**
 * Publishes the outbox in commit order: wakes on NOTIFY, sends a batch with an
 * idempotent producer, then stamps the rows. A crash between send and stamp
 * republishes those rows on restart (consumers deduplicate by event id); nothing is lost.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly safetyPollMs: number;
  private listener?: pg.Client;
  private producer?: Producer;
  private safetyPoll?: NodeJS.Timeout;
  private draining?: Promise<void>;
  private drainAgain = false;
  private connected = false;
  private started = false;
  private stopped = false;
  private publishedCount = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.safetyPollMs = options.safetyPollMs ?? 5_000;
  }

  get published(): number {
    return this.publishedCount;
  }

  /** Connects and starts publishing; on failure leaves nothing connected, so it can be called again. */
  async start(): Promise<void> {
    try {
      this.producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await this.producer.connect();
      this.listener = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'outbox-relay' });
      this.listener.on('error', (error) => this.options.logger.error(`listener connection: ${error.message}`, 'OutboxRelay'));
      await this.listener.connect();
      this.connected = true;
      await this.waitForLeadership();
      this.listener.on('notification', () => this.wake());
      await this.listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      await this.listener?.end().catch(() => undefined);
      await this.producer?.disconnect().catch(() => undefined);
      this.listener = this.producer = undefined;
      this.connected = false;
      throw error;
    }
    this.safetyPoll = setInterval(() => this.wake(), this.safetyPollMs);
    this.started = true;
    this.wake();
  }

  /** Publishing, standing by while another instance publishes, or neither (not connected). */
  get role(): 'publishing' | 'standby' | 'disconnected' {
    if (this.stopped || !this.connected) return 'disconnected';
    return this.started ? 'publishing' : 'standby';
  }

  /** Publishes what is pending, then stops listening; bounded by the caller's shutdown timeout. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.safetyPoll);
    await this.draining;
    if (this.listener) await this.drain().catch(() => undefined);
    await this.listener?.end().catch(() => undefined);
    await this.producer?.disconnect();
  }

  /** Resolves when everything committed so far is published (tests and shutdown). */
  async flush(): Promise<void> {
    this.wake();
    while (this.draining) await this.draining;
  }

  private async waitForLeadership() {
    for (;;) {
      const { rows } = await this.listener!.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
      if (rows[0]!.locked) return;
      if (this.stopped) return;
      this.options.logger.log('another relay publishes this outbox; standing by', 'OutboxRelay');
      await new Promise((resolve) => setTimeout(resolve, this.safetyPollMs));
    }
  }

  private wake() {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drainUntilIdle().finally(() => (this.draining = undefined));
  }

  private async drainUntilIdle() {
    do {
      this.drainAgain = false;
      try {
        await this.drain();
      } catch (error) {
        this.options.logger.error(`publishing failed, will retry: ${(error as Error).message}`, 'OutboxRelay');
        return;
      }
    } while (this.drainAgain && !this.stopped);
  }

  private async drain() {
    for (;;) {
      const { rows } = await this.listener!.query<OutboxRow>(
        `SELECT sequence, id, topic, key, type, headers, payload FROM outbox
          WHERE published_at IS NULL ORDER BY sequence LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return;
      await this.publish(rows);
      await this.listener!.query('UPDATE outbox SET published_at = now() WHERE sequence = ANY($1::bigint[])', [
        rows.map((row) => row.sequence),
      ]);
      this.publishedCount += rows.length;
      if (rows.length < this.batchSize) return;
    }
  }

  /** One producer span per event, child of the span that wrote it, whose context goes out in the headers. */
  private async publish(rows: OutboxRow[]) {
    const spans = rows.map((row) =>
      runtimeTracer().startSpan(
        `${row.type} publish`,
        {
          kind: SpanKind.PRODUCER,
          attributes: messagingAttributes({ operation: 'publish', destination: row.topic, messageId: row.id, key: row.key }),
        },
        contextFromTraceHeaders(row.headers),
      ),
    );
    const byTopic = new Map<string, Message[]>();
    rows.forEach((row, i) => {
      const headers = { ...row.headers, ...traceHeadersOf(spans[i]!) };
      const messages = byTopic.get(row.topic) ?? [];
      messages.push({ key: row.key, value: JSON.stringify(row.payload), headers });
      byTopic.set(row.topic, messages);
    });
    try {
      await this.producer!.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })),
      });
    } catch (error) {
      for (const span of spans) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      }
      throw error;
    } finally {
      for (const span of spans) span.end();
    }
  }
}

const traceHeadersOf = (span: Span) => context.with(trace.setSpan(ROOT_CONTEXT, span), currentTraceHeaders);
