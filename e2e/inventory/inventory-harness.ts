import { randomUUID } from 'node:crypto';
import { Events, type OrderCancelledV1, type OrderItem, type OrderPlacedV1, Requests, Topics } from '@shop/event-contracts';
import type { PrismaClient } from '../../apps/inventory/src/generated/prisma/client.js';
import { uniqueSuffix } from '../support/environment.js';
import { IsolatedService } from '../support/isolated-service.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { EventProducer, recordEventsFrom, type SentEvent } from '../support/order-events.js';
import { waitFor } from '../support/wait-for.js';

export type InventoryDatabase = PrismaClient;

/** The inventory as a real process on a scratch database, the order events it gets, the events it publishes. */
export class InventoryHarness {
  readonly kafka = testKafka('e2e-inventory');
  readonly inventory: IsolatedService<InventoryDatabase>;
  readonly orders = new EventProducer(this.kafka);
  private readonly run = uniqueSuffix().toUpperCase();
  private recorder?: Awaited<ReturnType<typeof recordEventsFrom>>;

  constructor(port: number) {
    this.inventory = new IsolatedService(this.kafka, 'inventory', {
      port,
      consumes: [Topics.orderEvents],
      serves: [Requests.listProducts.pattern, Requests.restock.pattern],
    });
  }

  get db() {
    return this.inventory.db;
  }

  async start() {
    await this.inventory.start();
    this.recorder = await recordEventsFrom(this.kafka, Topics.inventoryEvents, this.inventory.source);
    await this.orders.connect();
  }

  async stop() {
    await this.orders.disconnect();
    await this.recorder?.stop();
    await this.inventory.stop();
  }

  /** A product of this run only: no other test or running service knows its sku. */
  async addProduct(name: string, stock: number, priceCents = 1_000): Promise<string> {
    const sku = `IT-${this.run}-${name}`.toUpperCase();
    await this.db.product.create({ data: { sku, name: `Test ${name}`, priceCents, stock } });
    return sku;
  }

  async stockOf(sku: string): Promise<number> {
    return (await this.db.product.findUniqueOrThrow({ where: { sku } })).stock;
  }

  placed(items: OrderItem[], orderId: string = randomUUID()): OrderPlacedV1 {
    return {
      orderId,
      customerId: `cust-${this.run}`,
      email: 'ada@example.com',
      items,
      shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Sq', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
    };
  }

  cancelled(orderId: string, previousStatus: OrderCancelledV1['previousStatus'] = 'CONFIRMED'): OrderCancelledV1 {
    return { orderId, customerId: `cust-${this.run}`, email: 'ada@example.com', reason: 'changed my mind', requestedBy: 'customer', previousStatus };
  }

  /** The events the inventory published for one order, or one product (a restock): by their key. */
  eventsOf(key: string) {
    return this.recorder!.of(key);
  }

  /** Waits for the inventory's `count`-th event of `type` for the order. */
  async published(orderId: string, type: string, count = 1) {
    return waitFor(`${type} for order ${orderId}`, async () => {
      const matching = this.eventsOf(orderId).filter((event) => event.type === type);
      return matching.length >= count ? matching[count - 1] : undefined;
    });
  }

  /** Waits for the inventory's answer to an order.placed: stock-reserved or stock-reservation-failed. */
  async answer(orderId: string, timeoutMs?: number) {
    const answers: string[] = [Events.stockReservedV1.type, Events.stockReservationFailedV1.type];
    return waitFor(`the answer to order ${orderId}`, async () => this.eventsOf(orderId).find((event) => answers.includes(event.type)), {
      timeoutMs,
    });
  }

  handled(eventId: string) {
    return this.inventory.handled(eventId);
  }

  consumedPast(sent: SentEvent) {
    return this.inventory.consumedPast(Topics.orderEvents, sent);
  }

  outboxTypes(orderId: string) {
    return this.inventory.outboxTypes(orderId);
  }
}
