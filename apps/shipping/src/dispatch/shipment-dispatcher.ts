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
import { PollingLoop } from './polling-loop.js';

/** How often the dispatcher looks for shipments whose delay has passed. */
export const DISPATCH_POLL_INTERVAL_MS = 200;

/**
 * Hands due shipments to their carrier (shipment-dispatched) or fails them
 * (shipment-failed), one shipment per transaction with its outbox event.
 * Polls from application bootstrap; stops before the outbox and the database
 * close. Several instances share the work through FOR UPDATE SKIP LOCKED.
 */
@Injectable()
export class ShipmentDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ShipmentDispatcher.name);
  private readonly loop = new PollingLoop({
    intervalMs: DISPATCH_POLL_INTERVAL_MS,
    tick: () => this.dispatchNext(),
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

  /** Settles one due shipment; true if there was one (more may be due). */
  async dispatchNext(now = new Date()): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const shipment = await this.shipments.claimDue(tx, now);
      if (!shipment) return false;
      // A span in the trace of the order.confirmed that opened the shipment, so the order stays one trace.
      const parent = contextFromTraceHeaders(shipment.traceHeaders);
      const attributes = { 'shop.order_id': shipment.orderId, 'shop.shipment_id': shipment.id };
      await withSpan('shipment dispatch', { parent, attributes }, () => this.settle(tx, shipment));
      return true;
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
