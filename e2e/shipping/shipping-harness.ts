import { randomUUID } from 'node:crypto';
import { type OrderCancelledV1, type OrderConfirmedV1, type ShippingAddress, Topics } from '@shop/event-contracts';
import type { PrismaClient } from '../../apps/shipping/src/generated/prisma/client.js';
import { uniqueSuffix } from '../support/environment.js';
import { IsolatedService } from '../support/isolated-service.js';
import { committedOffsets } from '../support/kafka-topic-probes.js';
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

  /** Waits until shipping has handled an event: its id is in the inbox (even if the handler did nothing). */
  async handled(eventId: string) {
    await waitFor(`event ${eventId} in the inbox`, async () => {
      const rows = await this.db.$queryRaw<unknown[]>`SELECT 1 FROM inbox WHERE event_id = ${eventId}`;
      return rows.length > 0 ? true : undefined;
    });
  }

  /** Waits until the consumer group has committed past a message (a redelivery leaves no inbox row). */
  async consumedPast(sent: SentEvent) {
    await waitFor(`offset ${sent.offset} of partition ${sent.partition} consumed`, async () => {
      const committed = await committedOffsets(this.kafka, this.shipping.name, Topics.orderEvents);
      return Number(committed.get(sent.partition) ?? -1) > Number(sent.offset) ? true : undefined;
    });
  }

  /** What shipping wrote to its outbox for an order, by type: the source of truth for "published nothing". */
  async outboxTypes(orderId: string): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ type: string }[]>`SELECT type FROM outbox WHERE key = ${orderId} ORDER BY sequence`;
    return rows.map((row) => row.type);
  }
}
