import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Events } from '@shop/event-contracts';
import { contextFromTraceHeaders, Outbox, withSpan } from '@shop/runtime';
import { type ShippingConfig, shippingConfig } from '../config/shipping-config.js';
import { type Prisma, PrismaClient } from '../generated/prisma/client.js';
import { type DueShipment, ShipmentRepository } from '../shipments/shipment.repository.js';
import { decideDispatch } from './dispatch-decision.js';
import { PollingLoop, type RoundResult } from './polling-loop.js';

/**
 * When the dispatcher looks for due shipments: at a shipment's due time (this
 * process opened it), then every 200 ms for 2 s until a round has dispatched
 * one, in case its transaction commits late; at the earliest due time the
 * database knows of; and at least every 5 s for shipments another instance
 * opened. Idle, a round every 5 s (it polled every 200 ms, five transactions a
 * second, before issue 15).
 */
export const DISPATCH_POLLING = { intervalMs: 200, graceMs: 2_000, idleIntervalMs: 5_000 } as const;

/**
 * Hands due shipments to their carrier (shipment-dispatched) or fails them
 * (shipment-failed), one shipment per transaction with its outbox event.
 * Polls from application bootstrap (DISPATCH_POLLING); stops before the outbox
 * and the database close. Several instances share the work through FOR UPDATE
 * SKIP LOCKED.
 */
@Injectable()
export class ShipmentDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ShipmentDispatcher.name);
  private readonly loop = new PollingLoop({
    ...DISPATCH_POLLING,
    tick: (wantsNextDue) => this.dispatchNext(new Date(), wantsNextDue),
    onError: (error) => this.logger.error({ msg: 'dispatch round failed, will retry', error: (error as Error).message }),
  });

  constructor(
    private readonly prisma: PrismaClient,
    private readonly outbox: Outbox,
    private readonly shipments: ShipmentRepository,
    @Inject(shippingConfig.token) private readonly config: ShippingConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.loop.start();
    this.logger.log({
      msg: 'dispatcher started',
      delayMs: this.config.SHIPPING_DISPATCH_DELAY_MS,
      countries: this.config.SHIPPING_COUNTRIES,
    });
  }

  /** Before the outbox relay flushes and the database closes: a dispatch in progress commits first. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** A shipment this process opened becomes due at `dispatchAt`. */
  expect(dispatchAt: Date): void {
    this.loop.wakeAt(dispatchAt);
  }

  /** Settles one due shipment, saying whether another is due behind it; or, if none is, says when the next one is. */
  async dispatchNext(now: Date, wantsNextDue: boolean): Promise<RoundResult> {
    return this.prisma.$transaction(async (tx) => {
      const { shipment, anotherDue } = await this.shipments.claimDue(tx, now);
      if (!shipment) return { settled: false, more: false, nextDueAt: wantsNextDue ? await this.shipments.nextDueAt(tx) : undefined };
      // A span in the trace of the order.confirmed that opened the shipment, so the order stays one trace.
      const parent = contextFromTraceHeaders(shipment.traceHeaders);
      const attributes = { 'shop.order_id': shipment.orderId, 'shop.shipment_id': shipment.id };
      await withSpan('shipment dispatch', { parent, attributes }, () => this.settle(tx, shipment));
      return { settled: true, more: anotherDue };
    });
  }

  private async settle(tx: Prisma.TransactionClient, shipment: DueShipment): Promise<void> {
    const { id: shipmentId, orderId } = shipment;
    const causedBy = { id: shipment.causationId, correlationId: shipment.correlationId };
    const decision = decideDispatch(shipment, this.config.SHIPPING_COUNTRIES);
    if (decision.kind === 'fail') {
      await this.shipments.markFailed(tx, shipmentId, decision.reason);
      await this.outbox.publish(tx, Events.shipmentFailedV1, { shipmentId, orderId, reason: decision.reason }, { causedBy });
      this.logger.warn({ msg: 'shipment failed', shipmentId, orderId, reason: decision.reason });
      return;
    }
    const { carrier, trackingNumber } = decision;
    await this.shipments.markDispatched(tx, shipmentId, { carrier, trackingNumber });
    await this.outbox.publish(tx, Events.shipmentDispatchedV1, { shipmentId, orderId, carrier, trackingNumber }, { causedBy });
    this.logger.log({ msg: 'shipment dispatched', shipmentId, orderId, carrier, trackingNumber });
  }
}
