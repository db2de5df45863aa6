import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OrderCancelledV1, OrderStatus } from '@shop/event-contracts';
import { Outbox, type PublishOptions, type SqlTransaction } from '@shop/runtime';
import { OrderEvents } from '../topics/order-contracts.js';
import {
  orderCancelledData,
  orderConfirmedData,
  orderRejectedData,
  orderShippedData,
} from './order-event-data.js';
import type { OrderChanges, OrderPricing, OrderRecord, OrderShipment, StockRefusal } from './order-record.js';
import { decideTransition, type OrderTrigger, type TransitionDecision, transitionOf } from './order-state-machine.js';
import { OrderRepository } from './order.repository.js';
import { stockRefusalReason } from './stock-refusal-reason.js';

/** What became of a transition: done (and its event written to the outbox), refused by the state machine, or no such order. */
export type TransitionOutcome =
  | { kind: 'applied'; order: OrderRecord; from: OrderStatus }
  | { kind: 'refused'; order: OrderRecord; reason: string }
  | { kind: 'not-found'; orderId: string };

/** The event that caused a transition, for the causation and correlation ids of the one it publishes. */
export type Cause = Pick<EventEnvelope, 'id' | 'correlationId'>;

export interface Cancellation {
  reason: string;
  requestedBy: OrderCancelledV1['requestedBy'];
}

type Allowed<Trigger extends OrderTrigger> = Extract<TransitionDecision<Trigger>, { allowed: true }>;

/**
 * Moves orders through the saga. Each transition runs in the caller's
 * transaction: the state machine allows it, the change is stored and its
 * event written to the outbox, so the change and the event commit together.
 */
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly orders: OrderRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Stock reserved: PENDING → CONFIRMED with the inventory's prices; publishes order.confirmed. */
  confirm(tx: SqlTransaction, orderId: string, pricing: OrderPricing, causedBy: Cause): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'stockReserved', { pricing }, (confirmed) =>
      this.outbox.publish(tx, OrderEvents.confirmed, orderConfirmedData(confirmed, pricing), { causedBy }),
    );
  }

  /** Stock refused: PENDING → REJECTED; publishes order.rejected. */
  reject(tx: SqlTransaction, orderId: string, refusal: StockRefusal, causedBy: Cause): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'stockReservationFailed', { statusReason: stockRefusalReason(refusal) }, (rejected) =>
      this.outbox.publish(tx, OrderEvents.rejected, orderRejectedData(rejected, refusal), { causedBy }),
    );
  }

  /** Parcel dispatched: CONFIRMED → SHIPPED; publishes order.shipped. */
  ship(tx: SqlTransaction, orderId: string, shipment: OrderShipment, causedBy: Cause): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'shipmentDispatched', { shipment }, (shipped) =>
      this.outbox.publish(tx, OrderEvents.shipped, orderShippedData(shipped, shipment), { causedBy }),
    );
  }

  /**
   * PENDING or CONFIRMED → CANCELLED; publishes order.cancelled, on which the
   * inventory releases whatever it reserved for the order.
   */
  cancel(
    tx: SqlTransaction,
    orderId: string,
    { reason, requestedBy }: Cancellation,
    causedBy?: Cause,
  ): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'cancel', { statusReason: reason }, (cancelled, from) => {
      const data = orderCancelledData(cancelled, { reason, requestedBy, previousStatus: from });
      const options: PublishOptions = causedBy ? { causedBy } : {};
      return this.outbox.publish(tx, OrderEvents.cancelled, data, options);
    });
  }

  /**
   * Where the trigger leaves a single status (all but cancel), the change is
   * one statement with that status in its condition (updateIfStatus): no
   * locked read first, on the path every order takes. Otherwise, and when
   * that changed nothing (no such order, or another status), the order is
   * locked and read, and the state machine decides. Either way, concurrent
   * transitions of one order (a customer's cancel racing an inventory event)
   * run one after the other, each seeing the other's result: an UPDATE waits
   * for the row, then checks its condition again on the latest version.
   */
  private async transition<Trigger extends OrderTrigger>(
    tx: SqlTransaction,
    orderId: string,
    trigger: Trigger,
    changes: Omit<OrderChanges, 'status'>,
    publish: (order: OrderRecord, from: Allowed<Trigger>['from']) => Promise<unknown>,
  ): Promise<TransitionOutcome> {
    const { from, to }: { from: readonly Allowed<Trigger>['from'][]; to: Allowed<Trigger>['to'] } = transitionOf(trigger);
    if (from.length === 1) {
      const changed = await this.orders.updateIfStatus(tx, orderId, from[0]!, { status: to, ...changes });
      if (changed) return this.applied(changed, from[0]!, publish);
    }
    const order = await this.orders.findForUpdate(tx, orderId);
    if (!order) return { kind: 'not-found', orderId };
    const decision = decideTransition(order.status, trigger);
    if (!decision.allowed) return { kind: 'refused', order, reason: decision.reason };
    return this.applied(await this.orders.update(tx, order.id, { status: decision.to, ...changes }), decision.from, publish);
  }

  private async applied<From extends OrderStatus>(
    order: OrderRecord,
    from: From,
    publish: (order: OrderRecord, from: From) => Promise<unknown>,
  ): Promise<TransitionOutcome> {
    await publish(order, from);
    return { kind: 'applied', order, from };
  }
}
