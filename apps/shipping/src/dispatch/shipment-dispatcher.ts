import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Events } from '@shop/event-contracts';
import { contextFromTraceHeaders, Outbox, type SqlTransaction, SqlTransactions, withSpan } from '@shop/runtime';
import { type ShippingConfig, shippingConfig } from '../config/shipping-config.js';
import { type DueShipment, ShipmentRepository, type ShipmentSettlement } from '../shipments/shipment.repository.js';
import { decideDispatch, type DispatchDecision } from './dispatch-decision.js';
import { PollingLoop, type RoundResult } from './polling-loop.js';

/**
 * When the dispatcher looks for due shipments: at a shipment's due time (this
 * process opened it), then every 200 ms for 2 s until a round has dispatched
 * one, in case its transaction commits late; at the earliest due time the
 * database knows of; and at least every 5 s for shipments another instance
 * opened. Idle, a round every 5 s (it polled every 200 ms, five transactions a
 * second, before issue 15). While shipments keep coming due, a round at most
 * every 200 ms, which takes all that came due since (issue 15: at 13 orders a
 * second, two or three a round instead of one).
 */
export const DISPATCH_POLLING = { intervalMs: 200, graceMs: 2_000, idleIntervalMs: 5_000, gatherMs: 200 } as const;

/** Shipments settled in one round at most: its transaction stays short, and a round that finds more runs again at once. */
export const DISPATCH_BATCH = 20;

/**
 * Hands due shipments to their carrier (shipment-dispatched) or fails them
 * (shipment-failed), the shipments of a round in one transaction with their
 * outbox events.
 * Polls from application bootstrap (DISPATCH_POLLING); stops before the outbox
 * and the database close. Several instances share the work through FOR UPDATE
 * SKIP LOCKED.
 */
@Injectable()
export class ShipmentDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ShipmentDispatcher.name);
  private readonly loop = new PollingLoop({
    ...DISPATCH_POLLING,
    tick: (wantsNextDue) => this.dispatchDue(new Date(), wantsNextDue),
    onError: (error) => this.logger.error({ msg: 'dispatch round failed, will retry', error: (error as Error).message }),
  });

  constructor(
    private readonly transactions: SqlTransactions,
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

  /** Settles the shipments due (DISPATCH_BATCH at most), saying how many and whether more are due; or, if none is, when the next one is. */
  async dispatchDue(now: Date, wantsNextDue: boolean): Promise<RoundResult> {
    return this.transactions.$transaction(async (tx) => {
      const { shipments, anotherDue } = await this.shipments.claimDue(tx, now, DISPATCH_BATCH);
      if (shipments.length === 0) return { settled: 0, more: false, nextDueAt: wantsNextDue ? await this.shipments.nextDueAt(tx) : undefined };
      const decided = shipments.map((shipment) => ({ shipment, decision: decideDispatch(shipment, this.config.SHIPPING_COUNTRIES) }));
      await this.shipments.settle(tx, decided.map(({ shipment, decision }) => settlementOf(shipment.id, decision)));
      for (const { shipment, decision } of decided) {
        // A span in the trace of the order.confirmed that opened the shipment, so the order stays one trace.
        const parent = contextFromTraceHeaders(shipment.traceHeaders);
        const attributes = { 'shop.order_id': shipment.orderId, 'shop.shipment_id': shipment.id };
        await withSpan('shipment dispatch', { parent, attributes }, () => this.announce(tx, shipment, decision));
      }
      return { settled: shipments.length, more: anotherDue };
    });
  }

  /** Publishes what became of a settled shipment. */
  private async announce(tx: SqlTransaction, shipment: DueShipment, decision: DispatchDecision): Promise<void> {
    const { id: shipmentId, orderId } = shipment;
    const causedBy = { id: shipment.causationId, correlationId: shipment.correlationId };
    if (decision.kind === 'fail') {
      await this.outbox.publish(tx, Events.shipmentFailedV1, { shipmentId, orderId, reason: decision.reason }, { causedBy });
      this.logger.warn({ msg: 'shipment failed', shipmentId, orderId, reason: decision.reason });
      return;
    }
    const { carrier, trackingNumber } = decision;
    await this.outbox.publish(tx, Events.shipmentDispatchedV1, { shipmentId, orderId, carrier, trackingNumber }, { causedBy });
    this.logger.log({ msg: 'shipment dispatched', shipmentId, orderId, carrier, trackingNumber });
  }
}

function settlementOf(id: string, decision: DispatchDecision): ShipmentSettlement {
  if (decision.kind === 'fail') return { id, status: 'FAILED', failureReason: decision.reason };
  return { id, status: 'DISPATCHED', carrier: decision.carrier, trackingNumber: decision.trackingNumber };
}
