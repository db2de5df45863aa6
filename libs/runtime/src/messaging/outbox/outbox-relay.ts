import type { LoggerService } from '@nestjs/common';
import { type Span, SpanKind, SpanStatusCode, ROOT_CONTEXT, context, trace } from '@opentelemetry/api';
import { type Kafka, type Message, Partitioners, type Producer } from 'kafkajs';
import pg from 'pg';
import { Outage } from '../../health/outage.js';
import { abortableDelay, type Backoff, backoffDelay } from '../../resilience/backoff.js';
import { logRetries, RECONNECT_BACKOFF, retryUntil } from '../../resilience/retry-until.js';
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
  /** Waits between reconnections, and between publishing rounds that failed. Default 250 ms doubling to 5 s. */
  backoff?: Backoff;
  /**
   * While commits keep coming, publish them together: a commit within this long of the last round
   * that published waits for the window's end, and everything committed by then goes in one round
   * trip and one Kafka request. The first commit after a quiet spell goes at once. Default 0: every
   * commit at once. For a service whose events no decision waits on (MessagingOptions.gatherEvents).
   */
  gatherForMs?: number;
}

/** Publishing, standing by while another instance publishes, (re)connecting, or stopped. */
export type RelayRole = 'publishing' | 'standby' | 'connecting' | 'stopped';

// One relay per database publishes at a time, so a second instance cannot reorder a key.
const RELAY_LOCK_KEY = 0x5e1a7;
const LOG_CONTEXT = 'OutboxRelay';
/** A connection attempt, or a query on the relay's connection, that takes longer means the database is unreachable. */
const DATABASE_TIMEOUT_MS = 10_000;
/** A batch Kafka has not acknowledged for this long makes the relay unhealthy while the producer keeps trying. */
const UNACKNOWLEDGED_MS = 5_000;

/** A failure of the relay's own database connection, as opposed to Kafka refusing a batch. */
class DatabaseRoundTripError extends Error {}

/**
 * Publishes the outbox in commit order: wakes on NOTIFY, sends a batch with an
 * idempotent producer, then stamps the rows, in the query that reads the next
 * batch. A crash between send and stamp republishes those rows on restart
 * (consumers deduplicate by event id); nothing is lost.
 *
 * The relay owns one PostgreSQL connection (LISTEN and the advisory lock that
 * makes it the publisher). When that connection is lost (the database restarts,
 * the network drops) it reconnects with backoff and takes the lock again, or
 * stands by if another instance took it meanwhile; rows sent but not yet
 * stamped are sent again, in the same order, by whoever publishes next. A batch
 * Kafka refuses is retried with backoff on a fresh producer. While it cannot
 * publish, `assertHealthy` says since when and why.
 */
export class OutboxRelay {
  private readonly batchSize: number;
  private readonly safetyPollMs: number;
  private readonly backoff: Backoff;
  private readonly gatherForMs: number;
  private readonly outage = new Outage();
  private readonly stopping = new AbortController();
  private listener?: pg.Client;
  private producer?: Producer;
  private producerConnected?: Promise<void>;
  private safetyPoll?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private gatherTimer?: NodeJS.Timeout;
  /** performance.now() at the last round that published something: where the gathering window starts. */
  private lastPublishedAt = -Infinity;
  private draining?: Promise<void>;
  private reconnecting?: Promise<void>;
  private drainAgain = false;
  private currentRole: RelayRole = 'connecting';
  private started = false;
  private failedRounds = 0;
  private publishedCount = 0;
  /**
   * Rows Kafka acknowledged that are not stamped yet: the next round trip stamps them, the
   * next wake-up's or at the latest the safety poll's, so an event costs one query, not two.
   * Rows a crash leaves unstamped are published again (consumers deduplicate by event id).
   */
  private acknowledged: string[] = [];

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 200;
    this.safetyPollMs = options.safetyPollMs ?? 5_000;
    this.backoff = options.backoff ?? RECONNECT_BACKOFF;
    this.gatherForMs = options.gatherForMs ?? 0;
  }

  get published(): number {
    return this.publishedCount;
  }

  get role(): RelayRole {
    return this.currentRole;
  }

  /**
   * Connects, then publishes (or stands by until the publisher stops). On
   * failure leaves nothing connected, so it can be called again; once it has
   * succeeded, the relay keeps itself connected.
   */
  async start(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      await this.dropConnection();
      throw error;
    }
    this.started = true;
    this.safetyPoll = setInterval(() => this.wake(), this.safetyPollMs);
  }

  /** Throws, saying since when and why, while the relay cannot publish; otherwise its role. */
  assertHealthy(): { role: RelayRole } {
    if (this.currentRole === 'connecting' && !this.started) throw new Error('the outbox relay is not connected yet');
    this.outage.assertUp('the outbox relay cannot publish');
    return { role: this.currentRole };
  }

  /** Publishes what is pending, then stops listening; bounded by the caller's shutdown timeout. */
  async stop(): Promise<void> {
    const wasPublishing = this.currentRole === 'publishing';
    this.currentRole = 'stopped';
    this.stopping.abort();
    clearInterval(this.safetyPoll);
    clearTimeout(this.retryTimer);
    clearTimeout(this.gatherTimer);
    if (this.reconnecting) {
      await this.dropConnection();
      await this.reconnecting;
    }
    await this.draining;
    // Until nothing is pending nor left to stamp, so the next publisher does not send those rows again.
    if (wasPublishing && this.listener) await this.drainWith(this.listener, { stampAll: true }).catch(() => undefined);
    await this.dropConnection();
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Resolves when everything committed so far is published (tests and shutdown). */
  async flush(): Promise<void> {
    this.wake();
    while (this.draining) await this.draining;
  }

  /** Opens the connection, waits to be the publisher, listens, and publishes what is pending. */
  private async connect(): Promise<void> {
    const listener = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: 'outbox-relay',
      keepAlive: true,
      connectionTimeoutMillis: DATABASE_TIMEOUT_MS,
      query_timeout: DATABASE_TIMEOUT_MS,
    });
    listener.on('error', (error) => this.connectionLost(listener, error));
    listener.on('end', () => this.connectionLost(listener, new Error('the database closed the connection')));
    this.listener = listener;
    try {
      await listener.connect();
      this.currentRole = 'standby';
      await this.waitForLeadership(listener);
      if (this.stopping.signal.aborted) return;
      listener.on('notification', () => this.committed());
      await listener.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.currentRole = 'connecting';
      throw error;
    }
    this.currentRole = 'publishing';
    this.wake();
  }

  private async waitForLeadership(listener: pg.Client) {
    let toldStandingBy = false;
    for (;;) {
      const { rows } = await listener.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [RELAY_LOCK_KEY]);
      if (rows[0]!.locked || this.stopping.signal.aborted) return;
      // Connected and waiting is healthy: a standby relay has nothing to publish.
      this.outage.end();
      if (!toldStandingBy) this.options.logger.log('another relay publishes this outbox; standing by', LOG_CONTEXT);
      toldStandingBy = true;
      await abortableDelay(this.safetyPollMs, this.stopping.signal);
    }
  }

  /**
   * The connection broke: the session, its LISTEN and its lock are gone. Once
   * started, reconnect in the background; before that, start() reports it.
   */
  private connectionLost(listener: pg.Client, error: Error) {
    if (listener !== this.listener || this.stopping.signal.aborted) return;
    this.listener = undefined;
    listener.end().catch(() => undefined);
    if (!this.started || this.reconnecting) return;
    this.currentRole = 'connecting';
    this.outage.begin(error);
    this.options.logger.warn({ msg: 'lost its database connection; reconnecting', error: error.message }, LOG_CONTEXT);
    this.reconnecting = this.reconnect().finally(() => (this.reconnecting = undefined));
  }

  private async reconnect() {
    const log = logRetries(this.options.logger, 'still cannot reach the database', {}, LOG_CONTEXT);
    const connected = await retryUntil(() => this.connect().then(() => true), {
      backoff: this.backoff,
      signal: this.stopping.signal,
      onFailure: (error, attempt, ...progress) => {
        this.outage.begin(error);
        void this.dropConnection();
        if (attempt === 1 || attempt % 10 === 0) log(error, attempt, ...progress);
      },
    });
    if (connected && !this.stopping.signal.aborted) {
      this.options.logger.log({ msg: 'reconnected to the database', role: this.currentRole, downForMs: this.outage.downForMs }, LOG_CONTEXT);
      if (this.currentRole === 'standby') this.outage.end();
    }
  }

  private async dropConnection() {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** A transaction that wrote to the outbox committed (NOTIFY): publish now, or at the end of the gathering window. */
  private committed() {
    const windowEndsIn = this.lastPublishedAt + this.gatherForMs - performance.now();
    if (windowEndsIn <= 0) return this.wake();
    this.gatherTimer ??= setTimeout(() => {
      this.gatherTimer = undefined;
      this.wake();
    }, windowEndsIn);
  }

  private wake() {
    if (this.stopping.signal.aborted) return;
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = this.drainUntilIdle().finally(() => (this.draining = undefined));
  }

  private async drainUntilIdle() {
    do {
      this.drainAgain = false;
      const listener = this.listener;
      if (this.currentRole !== 'publishing' || !listener) return;
      try {
        await this.drainWith(listener);
      } catch (error) {
        this.publishingFailed(listener, error as Error);
        return;
      }
      this.publishingWorks();
    } while (this.drainAgain && !this.stopping.signal.aborted);
  }

  private async drainWith(listener: pg.Client, { stampAll = false } = {}) {
    for (;;) {
      // One round trip stamps the rows Kafka acknowledged last time and reads the next ones. Both parts
      // see the same snapshot, where the rows being stamped are still unpublished: hence the NOT ANY.
      // Named, the statement is parsed and planned once a connection, not on every round (it runs for
      // every commit that writes to the outbox).
      const acknowledged = this.acknowledged;
      const { rows } = await listener
        .query<OutboxRow>({
          name: 'outbox_relay_drain',
          text: `WITH stamped AS (UPDATE outbox SET published_at = now() WHERE sequence = ANY($2::bigint[]))
                 SELECT sequence, id, topic, key, type, headers, payload FROM outbox
                  WHERE published_at IS NULL AND NOT sequence = ANY($2::bigint[]) ORDER BY sequence LIMIT $1`,
          values: [this.batchSize, acknowledged],
        })
        .catch((error: Error) => {
          throw new DatabaseRoundTripError(error.message, { cause: error });
        });
      if (this.acknowledged === acknowledged) this.acknowledged = [];
      if (rows.length === 0) return;
      this.lastPublishedAt = performance.now();
      await this.publish(rows);
      this.acknowledged = rows.map((row) => row.sequence);
      this.publishedCount += rows.length;
      if (rows.length < this.batchSize && !stampAll) return;
    }
  }

  private publishingWorks() {
    if (this.failedRounds > 0 || this.outage.active) {
      this.options.logger.log({ msg: 'publishing again', downForMs: this.outage.downForMs, failedRounds: this.failedRounds }, LOG_CONTEXT);
    }
    this.failedRounds = 0;
    this.outage.end();
  }

  /**
   * A round failed. A database error means the connection is gone: reconnect.
   * Kafka refusing the batch: start a fresh producer (a failed send can leave an
   * idempotent producer's sequence numbers out of step with the broker's) and
   * try again after a backoff. The rows stay unpublished until a round succeeds.
   */
  private publishingFailed(listener: pg.Client, error: Error) {
    this.failedRounds += 1;
    this.outage.begin(error);
    const retryInMs = backoffDelay(this.failedRounds, this.backoff);
    if (this.failedRounds === 1 || this.failedRounds % 10 === 0) {
      this.options.logger.warn({ msg: 'publishing failed; will retry', error: error.message, failedRounds: this.failedRounds, retryInMs }, LOG_CONTEXT);
    }
    if (error instanceof DatabaseRoundTripError) this.connectionLost(listener, error);
    else void this.replaceProducer();
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.wake(), retryInMs);
  }

  private async replaceProducer() {
    const old = this.producer;
    this.producer = undefined;
    this.producerConnected = undefined;
    await old?.disconnect().catch(() => undefined);
  }

  /**
   * What the relay sends: Produce requests with acks=-1 (sendBatch below; kafkajs's default,
   * and the only value it allows an idempotent producer), answered once every in-sync
   * replica has the batch, at least min.insync.replicas of them (2 on a cluster of 3,
   * so a broker may be down and the relay carries on; with fewer in sync the broker
   * refuses and the relay retries, nothing is lost). Idempotent: a producer id and
   * per-partition sequence numbers, so a request retried after a lost answer is not
   * written twice. One request in flight per broker connection: kafkajs 2.2.4 does not
   * enforce it, but numbers an idempotent producer's batches when it sends them and
   * keeps them in order on a retry only with one in flight (KIP-98's first rule).
   * Order per key needs nothing more: the relay awaits each batch before it stamps the
   * rows and sends the next, and one relay per database publishes (the advisory lock).
   */
  private async connectedProducer(): Promise<Producer> {
    this.producer ??= this.options.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      // An idempotent producer retries for ever; at most 2 s apart, so a broker that is back is used at once.
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 100, maxRetryTime: 2_000 },
    });
    const producer = this.producer;
    this.producerConnected ??= producer.connect();
    try {
      await this.producerConnected;
    } catch (error) {
      await this.replaceProducer();
      throw error;
    }
    return producer;
  }

  /** One producer span per event, child of the span that wrote it, whose context goes out in the headers. */
  private async publish(rows: OutboxRow[]) {
    const producer = await this.connectedProducer();
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
    const unacknowledged = setTimeout(
      () => this.outage.begin(new Error(`Kafka has not acknowledged a batch for ${UNACKNOWLEDGED_MS / 1000} s; still trying`)),
      UNACKNOWLEDGED_MS,
    );
    try {
      await producer.sendBatch({
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
      clearTimeout(unacknowledged);
      for (const span of spans) span.end();
    }
  }
}

const traceHeadersOf = (span: Span) => context.with(trace.setSpan(ROOT_CONTEXT, span), currentTraceHeaders);
