import type { LoggerService, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CE_HEADERS } from '@shop/event-contracts';
import { type HealthIndicator, KAFKA_CONSUMER_TIMING, logRetries, Outage, retryUntil, Unhealthy } from '@shop/runtime';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import type { CatalogCache } from './catalog-cache.js';
import { changesCatalog } from './catalog-invalidation.js';

const LOG_CONTEXT = 'CatalogCache';

export interface CatalogEventsConsumerOptions {
  kafka: Pick<Kafka, 'consumer'>;
  cache: CatalogCache;
  /** The inventory's events topic (namespaced in tests). */
  topic: string;
  /** This gateway instance's own group: every instance reads every event (see docs/adr/0002-catalog-cache.md). */
  groupId: string;
  logger: LoggerService;
  /** How long a fetch waits for events when there are none; the first fetch after joining turns the cache on. */
  maxWaitTimeInMs?: number;
  /** How long the cache serves after a fetch unless another renews it (several fetch intervals). */
  leaseMs?: number;
}

/** A fetch returns at least every second while the consumer consumes; five seconds without one is a consumer in trouble. */
export const CATALOG_FETCH_WAIT_MS = 1_000;
export const CATALOG_SERVING_LEASE_MS = 5_000;

type State = 'idle' | 'running' | 'stopping' | 'stopped';

/**
 * Invalidates the gateway's catalog cache on the inventory's events, and
 * turns the cache on only while it can: a plain kafkajs consumer (no inbox:
 * nothing is written, an event seen twice only invalidates twice) in a group
 * of this instance's own, starting at the end of the topic and committing
 * nothing.
 *
 * - On joining its group (first start, a restart after a crash, a
 *   rebalance) events may have been missed, so the cache is emptied and stays
 *   off (pass-through) until the first fetch after the join: kafkajs resolves
 *   the partitions' positions (the end of the log, for a group with no
 *   committed offsets) during that fetch, so any change the inventory commits
 *   after it has its event at or past those positions, and will be seen.
 * - Each fetch (one a second at least, events or not) renews the cache's
 *   lease of a few seconds: a broker that went quiet turns the cache off
 *   before kafkajs notices (it took about 15 s with a stopped broker), and a
 *   fetch after that turns it on again from nothing.
 * - A crash, a rebalance or a stop turns it off again at once.
 * - kafkajs restarts the consumer after a retriable crash; after any other
 *   one a new consumer is built, with backoff, until the broker lets it in.
 *
 * `/health` lists it as `catalog-cache:<group>`: down (503) while it is not
 * consuming, saying since when and that reads pass through meanwhile.
 */
export class CatalogEventsConsumer implements HealthIndicator, OnModuleInit, OnApplicationShutdown {
  readonly name: string;
  private consumer?: Consumer;
  private state: State = 'idle';
  private readonly outage = new Outage();
  private readonly shutdown = new AbortController();
  private connecting?: Promise<void>;
  private awaitingFirstFetch = false;
  private lastFetchAt?: number;
  private readonly leaseMs: number;

  constructor(private readonly options: CatalogEventsConsumerOptions) {
    this.name = `catalog-cache:${options.groupId}`;
    this.leaseMs = options.leaseMs ?? CATALOG_SERVING_LEASE_MS;
    this.outage.begin('its consumer has not joined its group yet');
  }

  /** Connects and consumes in the background: until then, and whenever it cannot consume, reads pass through. */
  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    this.connect();
  }

  onModuleInit(): void {
    this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async stop(): Promise<void> {
    if (this.state === 'stopping' || this.state === 'stopped') return;
    this.state = 'stopping';
    this.shutdown.abort();
    this.options.cache.stopServing();
    await this.connecting;
    await this.consumer?.disconnect().catch(() => undefined);
    this.state = 'stopped';
  }

  async check(): Promise<Record<string, unknown>> {
    const down = this.outage.describe();
    const details = {
      topic: this.options.topic,
      ...(this.lastFetchAt !== undefined && { lastFetchMsAgo: Date.now() - this.lastFetchAt }),
      ...this.options.cache.describe(),
    };
    if (down) {
      throw new Unhealthy(`the catalog cache is off, reads pass through to the inventory: ${down.error}`, {
        downSince: down.since,
        downForMs: down.forMs,
        ...details,
      });
    }
    return details;
  }

  private connect(): void {
    if (this.connecting || this.state !== 'running') return;
    const { groupId, topic, logger } = this.options;
    const log = logRetries(logger, 'could not start the catalog cache consumer; retrying', { groupId, topic }, LOG_CONTEXT);
    this.connecting = retryUntil(
      async () => {
        await this.consumer?.disconnect().catch(() => undefined);
        const consumer = this.createConsumer();
        this.consumer = consumer;
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: false });
        await consumer.run({ autoCommit: false, eachBatch: (payload) => this.consumeBatch(payload) });
      },
      {
        signal: this.shutdown.signal,
        onFailure: (error, ...progress) => {
          this.turnOff(error);
          log(error, ...progress);
        },
      },
    ).then(() => {
      this.connecting = undefined;
    });
  }

  private createConsumer(): Consumer {
    const { kafka, groupId } = this.options;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? CATALOG_FETCH_WAIT_MS,
      ...KAFKA_CONSUMER_TIMING,
      retry: { restartOnFailure: async () => this.state === 'running' },
    });
    const mine = () => this.consumer === consumer && this.state === 'running';
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!mine()) return;
      // Positions are resolved by the next fetch; until it is done, an answer could predate an event we skip.
      this.options.cache.stopServing();
      this.awaitingFirstFetch = true;
    });
    consumer.on(consumer.events.FETCH, () => {
      // Turned off (a crash, a rebalance) and not rejoined since: a fetch still in flight says nothing.
      if (!mine() || (this.outage.active && !this.awaitingFirstFetch)) return;
      this.lastFetchAt = Date.now();
      this.options.cache.serveFor(this.leaseMs);
      if (!this.awaitingFirstFetch) return;
      this.awaitingFirstFetch = false;
      const downForMs = this.outage.downForMs;
      this.outage.end();
      this.options.logger.log({ msg: 'catalog cache on', groupId: this.options.groupId, topic: this.options.topic, downForMs }, LOG_CONTEXT);
    });
    consumer.on(consumer.events.REBALANCING, () => {
      if (mine()) this.turnOff(new Error('its consumer group is rebalancing'));
    });
    consumer.on(consumer.events.CRASH, ({ payload: { error, restart } }) => {
      if (!mine()) return;
      this.turnOff(error);
      if (!restart) {
        this.options.logger.warn({ msg: 'catalog cache consumer stopped by an error; starting a new one', error: error.message }, LOG_CONTEXT);
        this.connect();
      }
    });
    consumer.on(consumer.events.STOP, () => {
      if (mine()) this.turnOff(new Error('its consumer stopped'));
    });
    return consumer;
  }

  private turnOff(error: unknown): void {
    const wasOn = !this.outage.active;
    this.awaitingFirstFetch = false;
    this.options.cache.stopServing();
    this.outage.begin(error);
    if (wasOn) {
      const why = error instanceof Error ? error.message : String(error);
      this.options.logger.log({ msg: 'catalog cache off: reads pass through until its consumer is back', groupId: this.options.groupId, why }, LOG_CONTEXT);
    }
  }

  private async consumeBatch({ batch }: EachBatchPayload): Promise<void> {
    const changing = batch.messages.map(typeOf).filter(changesCatalog);
    if (changing.length > 0) this.options.cache.invalidate(changing.at(-1) ?? 'an event without ce_type');
  }
}

function typeOf(message: Pick<KafkaMessage, 'headers'>): string | undefined {
  const raw = message.headers?.[CE_HEADERS.type];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first?.toString();
}
