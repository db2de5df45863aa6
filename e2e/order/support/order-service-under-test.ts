import { randomUUID } from 'node:crypto';
import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { EventContract, RequestContract, RequestOf, Requests } from '@shop/event-contracts';
import { RequestClient, RequestClientModule, RuntimeModule } from '@shop/runtime';
import type { PrismaClient } from '../../../apps/order/src/generated/prisma/client.js';
import { infra, uniqueSuffix } from '../../support/environment.js';
import { type ReceivedMessage, recordTopic, testKafka } from '../../support/kafka-test-topics.js';
import { deleteTopicsStartingWith } from '../../support/kafka-topic-probes.js';
import { EventProducer } from '../../support/order-events.js';
import { createScratchDatabase, type ScratchDatabase } from '../../support/scratch-database.js';
import { ServiceProcess } from '../../support/service-process.js';
import { waitFor } from '../../support/wait-for.js';
import { createOrderTopics, orderTopicsIn } from './order-topics.js';

export interface RecordedEvent {
  id: string;
  type: string;
  headers: Record<string, string>;
  data: Record<string, unknown>;
}

/**
 * The built order app as a real process on a scratch database and on topics
 * of its own (SHOP_TOPIC_NAMESPACE), so it neither answers the real order
 * service's requests nor sees the real inventory's events; a request client
 * as the gateway has it; a producer playing the inventory and shipping; and a
 * recording of everything the order publishes.
 */
export class OrderServiceUnderTest {
  // No '_' in topic names: Kafka treats '.' and '_' as colliding.
  readonly suffix = uniqueSuffix().replaceAll('_', '-');
  readonly topics = orderTopicsIn(`it-order-${this.suffix}.`);
  /** Also the consumer group and the inbox's consumer_group. */
  readonly serviceName = `order-it-${this.suffix}`;
  private readonly clientName = `order-it-caller-${this.suffix}`;
  private readonly kafka = testKafka(`e2e-order-${this.suffix}`);
  private readonly producer = new EventProducer(this.kafka);
  private readonly savedEnv: Record<string, string | undefined> = {};
  private database?: ScratchDatabase<PrismaClient>;
  private process?: ServiceProcess;
  private caller?: { app: INestApplicationContext; client: RequestClient };
  private recorder?: { received: ReceivedMessage[]; stop(): Promise<void> };

  constructor(private readonly port: number) {}

  get db(): PrismaClient {
    return this.database!.client;
  }

  /** What the process printed so far. */
  get log(): string {
    return this.process?.log ?? '';
  }

  async start(): Promise<void> {
    this.database = await createScratchDatabase<PrismaClient>('order');
    await createOrderTopics(this.kafka, this.topics);
    this.recorder = await recordTopic(this.kafka, this.topics.events.placed.topic);
    this.process = new ServiceProcess('order', this.port, {
      SERVICE_NAME: this.serviceName,
      DATABASE_URL: this.database.url,
      SHOP_TOPIC_NAMESPACE: this.topics.namespace,
    });
    await this.process.start();
    this.caller = await this.startCaller();
    await this.producer.connect();
    await this.answeringRequests();
  }

  async stop(): Promise<void> {
    // Independent, and each Kafka client may wait out a fetch: in parallel.
    const [exitCode] = await Promise.all([
      this.process?.stop(),
      this.caller?.app.close().finally(() => this.restoreEnv()),
      this.producer.disconnect(),
      this.recorder?.stop(),
    ]);
    await this.database?.drop();
    await deleteTopicsStartingWith(this.kafka, [this.topics.namespace]);
    if (exitCode !== undefined && exitCode !== 0) throw new Error(`order exited with ${exitCode}:\n${this.log}`);
  }

  /** One request-reply call to the order service, over Kafka. */
  call<Request, Value>(contract: RequestContract<Request, Value, string>, request: Request) {
    return this.caller!.client.call(contract, request);
  }

  /** Places an order for `customerId` and returns its id, failing on any error reply. */
  async place(customerId: string, overrides: Partial<RequestOfPlace> = {}): Promise<string> {
    const reply = await this.call(this.topics.requests.place, aPlaceRequest(customerId, overrides));
    if (!reply.ok) throw new Error(`place failed: ${JSON.stringify(reply.error)}`);
    return reply.value.orderId;
  }

  /** Sends an event as the inventory or shipping would (key = order id, CloudEvents headers); returns its ce_id. */
  async emit<Data extends { orderId: string }>(contract: EventContract<Data, string>, data: Data, id: string = randomUUID()) {
    return (await this.producer.send(contract, data, { id })).id;
  }

  /** Every event the order published for `orderId` so far, in order. */
  events(orderId: string): RecordedEvent[] {
    return this.recorder!.received.filter((message) => message.key === orderId).map(({ headers, value }) => ({
      id: headers.ce_id!,
      type: headers.ce_type!,
      headers,
      data: value as Record<string, unknown>,
    }));
  }

  /** Waits until the order published an event of `type` for `orderId`, and returns it. */
  waitForEvent(orderId: string, type: string): Promise<RecordedEvent> {
    return waitFor(`${type} for order ${orderId}`, async () => this.events(orderId).find((event) => event.type === type));
  }

  /**
   * Waits until the service has consumed event `eventId`: its inbox row
   * commits in the handler's transaction, so whatever the handler wrote,
   * the order and its outbox rows, is committed too.
   */
  async waitUntilConsumed(eventId: string): Promise<void> {
    await waitFor(`event ${eventId} to be consumed`, async () => {
      const row = await this.db.inboxMessage.findUnique({
        where: { consumerGroup_eventId: { consumerGroup: this.serviceName, eventId } },
      });
      return row ?? undefined;
    });
  }

  /** The types of the events written for `orderId` (published or about to be), in commit order. */
  async outboxTypes(orderId: string): Promise<string[]> {
    const rows = await this.db.outboxMessage.findMany({ where: { key: orderId }, orderBy: { sequence: 'asc' } });
    return rows.map((row) => row.type);
  }

  /**
   * A full round trip before any test: the request consumers (NestJS, new
   * groups starting at the latest offset) have resolved their offsets once a
   * reply came back. A call lost to that start-up race times out and is retried.
   */
  private async answeringRequests(): Promise<void> {
    const probe = { orderId: randomUUID() };
    await waitFor(
      'the order service to answer requests',
      async () => {
        const reply = await this.call(this.topics.requests.get, probe);
        return !reply.ok && reply.error.code === 'NOT_FOUND' ? true : undefined;
      },
      { timeoutMs: 45_000 },
    );
  }

  private async startCaller() {
    // RuntimeModule reads its settings from the environment, like a service does.
    const settings = {
      SERVICE_NAME: this.clientName,
      PORT: String(this.port + 50),
      DATABASE_URL: this.database!.url,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
    };
    for (const [key, value] of Object.entries(settings)) {
      this.savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    const requests = Object.values(this.topics.requests);

    @Module({ imports: [RuntimeModule, RequestClientModule.forRoot({ requests, timeoutMs: 5_000 })] })
    class OrderCallerModule {}

    const app = await NestFactory.createApplicationContext(OrderCallerModule, { logger: ['error'] });
    await app.init();
    return { app, client: app.get(RequestClient) };
  }

  private restoreEnv() {
    for (const [key, value] of Object.entries(this.savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

type RequestOfPlace = RequestOf<typeof Requests.placeOrder>;

export function aPlaceRequest(customerId: string, overrides: Partial<RequestOfPlace> = {}): RequestOfPlace {
  return {
    customerId,
    email: 'ada@example.com',
    items: [
      { sku: 'MUG-01', quantity: 2 },
      { sku: 'TEE-XL', quantity: 1 },
    ],
    shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    idempotencyKey: randomUUID(),
    ...overrides,
  };
}

/** The inventory's prices for aPlaceRequest's items. */
export const PRICING = {
  lines: [
    { sku: 'MUG-01', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
    { sku: 'TEE-XL', name: 'T-shirt XL', quantity: 1, unitPriceCents: 1999 },
  ],
  currency: 'EUR',
  totalCents: 4499,
};

export const uniqueCustomer = () => `cust-${uniqueSuffix()}`;
