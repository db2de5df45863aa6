import { randomUUID } from 'node:crypto';
import { type OrderCancelledV1, type OrderConfirmedV1, type ShippingAddress, Topics } from '@shop/event-contracts';
import type { PrismaClient } from '../../apps/shipping/src/generated/prisma/client.js';
import { uniqueSuffix } from '../support/environment.js';
import { IsolatedService } from '../support/isolated-service.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { EventProducer, recordEventsFrom, type SentEvent } from '../support/order-events.js';
import { waitFor } from '../support/wait-for.js';

export type ShippingDatabase = PrismaClient;

export const deliverable: ShippingAddress = {
  name: 'Grace Hopper',
  line1: 'Unter den Linden 1',
  city: 'Berlin',
  postalCode: '10117',
  country: 'DE',
};

/** Shipping as a real process on a scratch database, the order events it gets, the events it publishes. */
export class ShippingHarness {
  readonly kafka = testKafka('e2e-shipping');
  readonly shipping: IsolatedService<ShippingDatabase>;
  readonly orders = new EventProducer(this.kafka);
  private readonly run = uniqueSuffix();
  private recorder?: Awaited<ReturnType<typeof recordEventsFrom>>;

  constructor(port: number, env: Record<string, string>) {
    this.shipping = new IsolatedService(this.kafka, 'shipping', { port, consumes: [Topics.orderEvents], env });
  }

  get db() {
    return this.shipping.db;
  }

  async start() {
    await this.shipping.start();
    this.recorder = await recordEventsFrom(this.kafka, Topics.shippingEvents, this.shipping.source);
    await this.orders.connect();
  }

  async stop() {
    await this.orders.disconnect();
    await this.recorder?.stop();
    await this.shipping.stop();
  }

  confirmed(shippingAddress: ShippingAddress = deliverable, orderId: string = randomUUID()): OrderConfirmedV1 {
    return {
      orderId,
      customerId: `cust-${this.run}`,
      email: 'grace@example.com',
      lines: [{ sku: 'MUG-CERAMIC-350', name: 'Ceramic Mug, 350 ml', quantity: 2, unitPriceCents: 1_250 }],
      currency: 'EUR',
      totalCents: 2_500,
      shippingAddress,
    };
  }

  cancelled(orderId: string, previousStatus: OrderCancelledV1['previousStatus'] = 'CONFIRMED'): OrderCancelledV1 {
    return { orderId, customerId: `cust-${this.run}`, email: 'grace@example.com', reason: 'changed my mind', requestedBy: 'customer', previousStatus };
  }

  eventsOf(orderId: string) {
    return this.recorder!.of(orderId);
  }

  /** Waits for shipping's event of `type` for the order. */
  async published(orderId: string, type: string, timeoutMs?: number) {
    return waitFor(`${type} for order ${orderId}`, async () => this.eventsOf(orderId).find((event) => event.type === type), {
      timeoutMs,
    });
  }

  async shipmentOf(orderId: string) {
    return this.db.shipment.findUnique({ where: { orderId } });
  }

  handled(eventId: string) {
    return this.shipping.handled(eventId);
  }

  consumedPast(sent: SentEvent) {
    return this.shipping.consumedPast(Topics.orderEvents, sent);
  }

  outboxTypes(orderId: string) {
    return this.shipping.outboxTypes(orderId);
  }
}
