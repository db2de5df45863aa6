import type { LoggerService } from '@nestjs/common';
import { CE_HEADERS, Events, type Product } from '@shop/event-contracts';
import { Unhealthy } from '@shop/runtime';
import type { Consumer, ConsumerConfig, ConsumerRunConfig, ConsumerSubscribeTopics, EachBatchPayload, Kafka } from 'kafkajs';
import { CatalogCache } from '../products/catalog-cache.js';
import { catalogFeedListener } from '../products/catalog-invalidation.js';
import { EventFeed } from './event-feed.js';
import type { FeedListener } from './feed-listener.js';

const EVENTS = {
  GROUP_JOIN: 'consumer.group_join',
  FETCH: 'consumer.fetch',
  REBALANCING: 'consumer.rebalancing',
  CRASH: 'consumer.crash',
  STOP: 'consumer.stop',
} as const;

/** Stands in for a kafkajs consumer: records what it is asked, emits what the test says, delivers batches. */
class FakeConsumer {
  readonly events = EVENTS;
  readonly listeners = new Map<string, ((event: { payload: any }) => void)[]>();
  subscribed?: ConsumerSubscribeTopics;
  runConfig?: ConsumerRunConfig;
  disconnected = false;
  failConnect?: Error;
  /** As kafkajs reports a refused join (an ACL not yet in force): a crash it does not restart from, from inside run(). */
  refuseJoin?: Error;

  constructor(readonly config: ConsumerConfig) {}

  on(event: string, listener: (event: { payload: any }) => void) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return () => undefined;
  }

  emit(event: keyof typeof EVENTS, payload: Record<string, unknown> = {}) {
    for (const listener of this.listeners.get(EVENTS[event]) ?? []) listener({ payload });
  }

  async connect() {
    if (this.failConnect) throw this.failConnect;
  }

  async subscribe(topics: ConsumerSubscribeTopics) {
    this.subscribed = topics;
  }

  async run(config: ConsumerRunConfig) {
    this.runConfig = config;
    if (this.refuseJoin) this.emit('CRASH', { error: this.refuseJoin, restart: false });
  }

  async disconnect() {
    this.disconnected = true;
  }

  /** Joined and fetched: what kafkajs does before the first batch. */
  joinAndFetch() {
    this.emit('GROUP_JOIN');
    this.emit('FETCH');
  }

  deliver(types: (string | undefined)[], topic = 'it.x.shop.inventory.events') {
    const messages = types.map((type) => ({ headers: type === undefined ? {} : { [CE_HEADERS.type]: Buffer.from(type) } }));
    return this.runConfig!.eachBatch!({ batch: { topic, partition: 0, messages } } as unknown as EachBatchPayload);
  }
}

const quiet: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined };
const products: Product[] = [{ sku: 'MUG-01', name: 'Mug', priceCents: 1250, currency: 'EUR', stock: 5 }];

async function until(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('EventFeed (with the catalog cache as its listener)', () => {
  let consumers: FakeConsumer[];
  let cache: CatalogCache;
  let events: EventFeed;
  let loads: number;
  const load = async () => {
    loads++;
    return { products };
  };
  const latest = () => consumers.at(-1)!;
  const outcome = async () => (await cache.read(load)).outcome;

  beforeEach(() => {
    consumers = [];
    loads = 0;
    const kafka = { consumer: (config: ConsumerConfig) => consumers[consumers.push(new FakeConsumer(config)) - 1] as unknown as Consumer };
    cache = new CatalogCache({ enabled: true, maxAgeMs: 60_000 });
    events = new EventFeed({
      kafka: kafka as Pick<Kafka, 'consumer'>,
      listeners: [catalogFeedListener(cache, 'it.x.shop.inventory.events')],
      groupId: 'gateway-events-1',
      logger: quiet,
    });
  });
  afterEach(() => events.stop());

  async function started() {
    events.onModuleInit();
    await until('the consumer to run', () => latest()?.runConfig !== undefined);
    return latest();
  }

  it('reads the topic from its end in a group of its own, committing nothing', async () => {
    const consumer = await started();
    expect(consumer.config).toMatchObject({ groupId: 'gateway-events-1', allowAutoTopicCreation: false });
    expect(consumer.subscribed).toEqual({ topics: ['it.x.shop.inventory.events'], fromBeginning: false });
    expect(consumer.runConfig).toMatchObject({ autoCommit: false });
    expect(events.name).toBe('event-feed:gateway-events-1');
  });

  it('subscribes once to every topic its listeners name, and gives each batch to the listeners of its topic', async () => {
    await events.stop();
    const seen: string[] = [];
    const orders: FeedListener = {
      name: 'orders',
      topics: ['it.x.shop.order.events', 'it.x.shop.inventory.events'],
      consume: (topic, messages) => seen.push(`${topic}:${messages.length}`),
      serveFor: () => undefined,
      stopServing: () => undefined,
      describe: () => ({ open: 0 }),
    };
    events = new EventFeed({ kafka: { consumer: (config) => consumers[consumers.push(new FakeConsumer(config)) - 1] as unknown as Consumer }, listeners: [catalogFeedListener(cache, 'it.x.shop.inventory.events'), orders], groupId: 'g', logger: quiet });
    const consumer = await started();
    expect(consumer.subscribed).toEqual({ topics: ['it.x.shop.inventory.events', 'it.x.shop.order.events'], fromBeginning: false });
    consumer.joinAndFetch();
    await outcome();
    await consumer.deliver(['shop.order.placed.v1'], 'it.x.shop.order.events');
    await expect(outcome()).resolves.toBe('hit'); // not the catalog's topic
    await consumer.deliver([Events.stockReservedV1.type]);
    await expect(outcome()).resolves.toBe('miss');
    expect(seen).toEqual(['it.x.shop.order.events:1', 'it.x.shop.inventory.events:1']);
    await expect(events.check()).resolves.toMatchObject({ catalog: { serving: 'cache' }, orders: { open: 0 } });
  });

  it('is off (health down, reads passed through) until the first fetch after joining, then on', async () => {
    await expect(events.check()).rejects.toThrow(/the catalog cache passes reads through, order streams are refused\): its consumer has not joined its group yet/);
    const consumer = await started();
    await expect(outcome()).resolves.toBe('bypass');
    consumer.emit('GROUP_JOIN');
    await expect(outcome()).resolves.toBe('bypass'); // positions not resolved yet
    consumer.emit('FETCH');
    await expect(outcome()).resolves.toBe('miss');
    await expect(outcome()).resolves.toBe('hit');
    await expect(events.check()).resolves.toMatchObject({ topics: ['it.x.shop.inventory.events'], catalog: { serving: 'cache', hits: 1, misses: 1 } });
  });

  it('invalidates on inventory events, known or new, but not on a refused reservation', async () => {
    const consumer = await started();
    consumer.joinAndFetch();
    await outcome();
    await consumer.deliver([Events.stockReservationFailedV1.type]);
    await expect(outcome()).resolves.toBe('hit');
    await consumer.deliver([Events.stockReservationFailedV1.type, Events.stockReservedV1.type]);
    await expect(outcome()).resolves.toBe('miss');
    await consumer.deliver(['shop.inventory.stock-replenished.v1']);
    await expect(outcome()).resolves.toBe('miss');
    await consumer.deliver([undefined]);
    await expect(outcome()).resolves.toBe('miss');
    expect(cache.describe()).toMatchObject({ invalidations: 3, lastInvalidation: { by: 'an event without ce_type' } });
  });

  it('turns off at a crash kafkajs restarts from, saying why, and on again from nothing after the rejoin', async () => {
    const consumer = await started();
    consumer.joinAndFetch();
    await outcome();
    consumer.emit('CRASH', { error: new Error('Connection error: ECONNREFUSED'), restart: true });
    await expect(outcome()).resolves.toBe('bypass');
    const down = await events.check().catch((error: unknown) => error);
    expect(down).toBeInstanceOf(Unhealthy);
    expect((down as Unhealthy).message).toMatch(/ECONNREFUSED/);
    expect((down as Unhealthy).details).toMatchObject({ catalog: { serving: 'pass-through' }, downForMs: expect.any(Number), downSince: expect.any(String) });
    consumer.joinAndFetch();
    await expect(outcome()).resolves.toBe('miss'); // events may have been missed meanwhile: nothing kept
    expect(consumers).toHaveLength(1);
  });

  it('passes reads through once no fetch renewed its lease, still listed up (kafkajs has not given up), and serves again from nothing at the next fetch', async () => {
    await events.stop();
    events = new EventFeed({ kafka: { consumer: (config) => consumers[consumers.push(new FakeConsumer(config)) - 1] as unknown as Consumer }, listeners: [catalogFeedListener(cache, 't')], groupId: 'g', logger: quiet, leaseMs: 50 });
    const consumer = await started();
    consumer.joinAndFetch();
    await expect(outcome()).resolves.toBe('miss');
    await until('the lease to run out', () => !cache.active);
    await expect(outcome()).resolves.toBe('bypass');
    await expect(events.check()).resolves.toMatchObject({ catalog: { serving: 'pass-through' }, lastFetchMsAgo: expect.any(Number) });
    consumer.emit('FETCH');
    await expect(outcome()).resolves.toBe('miss');
  });

  it('minds no fetch still in flight after a crash, until it has rejoined', async () => {
    const consumer = await started();
    consumer.joinAndFetch();
    consumer.emit('CRASH', { error: new Error('gone'), restart: true });
    consumer.emit('FETCH');
    await expect(outcome()).resolves.toBe('bypass');
    consumer.joinAndFetch();
    await expect(outcome()).resolves.toBe('miss');
  });

  it('turns off while its group rebalances', async () => {
    const consumer = await started();
    consumer.joinAndFetch();
    consumer.emit('REBALANCING');
    await expect(outcome()).resolves.toBe('bypass');
    await expect(events.check()).rejects.toThrow(/rebalancing/);
  });

  it('builds a new consumer when kafkajs gives up on one, and ignores the old one from then on', async () => {
    const first = await started();
    first.joinAndFetch();
    first.emit('CRASH', { error: new Error('not retriable'), restart: false });
    await until('a new consumer', () => consumers.length === 2 && latest().runConfig !== undefined);
    expect(first.disconnected).toBe(true);
    first.joinAndFetch(); // a stray event of the old consumer changes nothing
    await expect(outcome()).resolves.toBe('bypass');
    latest().joinAndFetch();
    await expect(outcome()).resolves.toBe('miss');
  });

  /** Starts a feed again whose n-th consumer (from 0) `prepare` may make fail. */
  function startedWith(prepare: (consumer: FakeConsumer, n: number) => void) {
    const kafka = {
      consumer: (config: ConsumerConfig) => {
        const consumer = new FakeConsumer(config);
        prepare(consumer, consumers.length);
        consumers.push(consumer);
        return consumer as unknown as Consumer;
      },
    };
    events = new EventFeed({ kafka, listeners: [catalogFeedListener(cache, 'shop.inventory.events')], groupId: 'g', logger: quiet });
    events.onModuleInit();
  }

  it('builds consumers until one joins when each is refused its group from inside run(), as the first ones may be while ACLs spread', async () => {
    await events.stop();
    startedWith((consumer, n) => {
      if (n < 2) consumer.refuseJoin = new Error('Not authorized to access group: Group authorization failed');
    });
    await until('a third consumer, running', () => consumers.length === 3 && latest().runConfig !== undefined);
    await expect(events.check()).rejects.toThrow(/Group authorization failed/);
    latest().joinAndFetch();
    await expect(events.check()).resolves.toMatchObject({ catalog: { serving: 'cache' } });
    expect(consumers).toHaveLength(3);
  });

  it('keeps trying to start while the broker refuses, down meanwhile', async () => {
    await events.stop();
    startedWith((consumer, n) => {
      if (n === 0) consumer.failConnect = new Error('the broker is away');
    });
    await until('a second try', () => consumers.length === 2 && latest().runConfig !== undefined);
    await expect(events.check()).rejects.toThrow(/the broker is away/);
    latest().joinAndFetch();
    await expect(events.check()).resolves.toMatchObject({ catalog: { serving: 'cache' } });
  });

  it('stops: disconnects, passes reads through, and minds no later event', async () => {
    const consumer = await started();
    consumer.joinAndFetch();
    await events.stop();
    expect(consumer.disconnected).toBe(true);
    consumer.joinAndFetch();
    await expect(outcome()).resolves.toBe('bypass');
    expect(loads).toBe(1);
  });
});
