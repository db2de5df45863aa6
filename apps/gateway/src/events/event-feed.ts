import type { LoggerService, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { GATHERED_BYTES, type HealthIndicator, KAFKA_CONSUMER_TIMING, logRetries, Outage, Restarter, Unhealthy } from '@shop/runtime';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { FeedListener } from './feed-listener.js';

const LOG_CONTEXT = 'EventFeed';

export interface EventFeedOptions {
  kafka: Pick<Kafka, 'consumer'>;
  /** Who is kept current; the feed subscribes to the topics they name, together. */
  listeners: readonly FeedListener[];
  /** This gateway instance's own group: every instance reads every event (see docs/adr/0002 and 0003). */
  groupId: string;
  logger: LoggerService;
  /** How long a fetch waits for events when there are none; the first fetch after joining turns the listeners on. */
  maxWaitTimeInMs?: number;
  /** How long the listeners serve after a fetch unless another renews it (several fetch intervals). */
  leaseMs?: number;
}

/** A fetch returns at least every second while the consumer consumes; five seconds without one is a consumer in trouble. */
export const FEED_FETCH_WAIT_MS = 1_000;
export const FEED_SERVING_LEASE_MS = 5_000;
/**
 * While events keep coming, a fetch waits up to this long for more of them
 * (kafkajs's gatherWhileBusy): a busy shop's events reach the order streams and
 * the catalog cache up to this much later, in a fraction of the fetches. The
 * first event after a quiet spell is answered at once.
 */
export const FEED_GATHER_MS = 100;

type State = 'idle' | 'running' | 'stopping' | 'stopped';

/**
 * The gateway instance's one reader of the shop's events, for what it keeps
 * current from them (FeedListener: the catalog cache, the order streams), and
 * the judge of when that can be trusted: a plain kafkajs consumer (no inbox:
 * nothing is written; an event seen twice only invalidates twice) in a group
 * of this instance's own, subscribed to every topic its listeners name,
 * starting at the end of the topics and committing nothing. Each batch goes to
 * the listeners of its topic.
 *
 * - On joining its group (first start, a restart after a crash, a
 *   rebalance) events may have been missed, so the listeners stop serving
 *   (the cache empties and passes reads through, the order streams end) until
 *   the first fetch after the join: kafkajs resolves
 *   the partitions' positions (the end of the log, for a group with no
 *   committed offsets) during that fetch, so any event published after it is
 *   at or past those positions, and will be seen.
 * - Each fetch (one a second at least, events or not) renews the listeners'
 *   lease of a few seconds: a broker that went quiet turns them off before
 *   kafkajs notices (it took about 15 s with a stopped broker), and a fetch
 *   after that turns them on again from nothing.
 * - A crash, a rebalance or a stop turns it off again at once.
 * - kafkajs restarts the consumer after a retriable crash; after any other
 *   one a new consumer is built, with backoff, until the broker lets it in.
 *
 * `/health` lists it as `event-feed:<group>`: down (503) while it is not
 * consuming, saying since when, with each listener's details.
 */
export class EventFeed implements HealthIndicator, OnModuleInit, OnApplicationShutdown {
  readonly name: string;
  private consumer?: Consumer;
  private state: State = 'idle';
  private readonly outage = new Outage();
  private readonly shutdown = new AbortController();
  private readonly connections: Restarter;
  private awaitingFirstFetch = false;
  private lastFetchAt?: number;
  private readonly leaseMs: number;
  private readonly listenersByTopic = new Map<string, FeedListener[]>();

  constructor(private readonly options: EventFeedOptions) {
    this.name = `event-feed:${options.groupId}`;
    this.leaseMs = options.leaseMs ?? FEED_SERVING_LEASE_MS;
    for (const listener of options.listeners) {
      for (const topic of listener.topics) this.listenersByTopic.set(topic, [...(this.listenersByTopic.get(topic) ?? []), listener]);
    }
    this.outage.begin('its consumer has not joined its group yet');
    const log = logRetries(options.logger, 'could not start the event feed; retrying', { groupId: options.groupId, topics: this.topics }, LOG_CONTEXT);
    this.connections = new Restarter(
      async () => {
        await this.consumer?.disconnect().catch(() => undefined);
        const consumer = this.createConsumer();
        this.consumer = consumer;
        await consumer.connect();
        await consumer.subscribe({ topics: this.topics, fromBeginning: false });
        await consumer.run({ autoCommit: false, eachBatch: (payload) => this.consumeBatch(payload) });
      },
      {
        signal: this.shutdown.signal,
        onFailure: (error, ...progress) => {
          this.turnOff(error);
          log(error, ...progress);
        },
      },
    );
  }

  get topics(): string[] {
    return [...this.listenersByTopic.keys()];
  }

  /** Connects and consumes in the background: until then, and whenever it cannot consume, its listeners do not serve. */
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
    this.stopListeners('the gateway is stopping');
    await this.connections.settled();
    await this.consumer?.disconnect().catch(() => undefined);
    this.state = 'stopped';
  }

  async check(): Promise<Record<string, unknown>> {
    const down = this.outage.describe();
    const details = {
      topics: this.topics,
      ...(this.lastFetchAt !== undefined && { lastFetchMsAgo: Date.now() - this.lastFetchAt }),
      ...Object.fromEntries(this.options.listeners.map((listener) => [listener.name, listener.describe()])),
    };
    if (down) {
      throw new Unhealthy(`the event feed is not consuming (the catalog cache passes reads through, order streams are refused): ${down.error}`, {
        downSince: down.since,
        downForMs: down.forMs,
        ...details,
      });
    }
    return details;
  }

  private connect(): void {
    if (this.state === 'running') this.connections.request();
  }

  private createConsumer(): Consumer {
    const { kafka, groupId } = this.options;
    const consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: this.options.maxWaitTimeInMs ?? FEED_FETCH_WAIT_MS,
      gatherWhileBusy: { minBytes: GATHERED_BYTES, maxWaitTimeInMs: FEED_GATHER_MS },
      ...KAFKA_CONSUMER_TIMING,
      retry: { restartOnFailure: async () => this.state === 'running' },
    });
    const mine = () => this.consumer === consumer && this.state === 'running';
    consumer.on(consumer.events.GROUP_JOIN, () => {
      if (!mine()) return;
      // Positions are resolved by the next fetch; until it is done, an answer could predate an event we skip.
      this.stopListeners('the feed joined its group: its positions are not resolved yet');
      this.awaitingFirstFetch = true;
    });
    consumer.on(consumer.events.FETCH, () => {
      // Turned off (a crash, a rebalance) and not rejoined since: a fetch still in flight says nothing.
      if (!mine() || (this.outage.active && !this.awaitingFirstFetch)) return;
      this.lastFetchAt = Date.now();
      for (const listener of this.options.listeners) listener.serveFor(this.leaseMs);
      if (!this.awaitingFirstFetch) return;
      this.awaitingFirstFetch = false;
      const downForMs = this.outage.downForMs;
      this.outage.end();
      this.options.logger.log({ msg: 'event feed on', groupId: this.options.groupId, topics: this.topics, downForMs }, LOG_CONTEXT);
    });
    consumer.on(consumer.events.REBALANCING, () => {
      if (mine()) this.turnOff(new Error('its consumer group is rebalancing'));
    });
    consumer.on(consumer.events.CRASH, ({ payload: { error, restart } }) => {
      if (!mine()) return;
      this.turnOff(error);
      if (!restart) {
        this.options.logger.warn({ msg: 'event feed consumer stopped by an error; starting a new one', error: error.message }, LOG_CONTEXT);
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
    const why = error instanceof Error ? error.message : String(error);
    this.awaitingFirstFetch = false;
    this.stopListeners(why);
    this.outage.begin(error);
    if (wasOn) {
      this.options.logger.log({ msg: 'event feed off: its listeners stop serving until it is back', groupId: this.options.groupId, why }, LOG_CONTEXT);
    }
  }

  private stopListeners(why: string): void {
    for (const listener of this.options.listeners) listener.stopServing(why);
  }

  private async consumeBatch({ batch }: EachBatchPayload): Promise<void> {
    for (const listener of this.listenersByTopic.get(batch.topic) ?? []) listener.consume(batch.topic, batch.messages);
  }
}
