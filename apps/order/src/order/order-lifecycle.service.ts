import { Injectable } from '@nestjs/common';
import type { EventEnvelope, OrderCancelledV1, OrderStatus } from '@shop/event-contracts';
import { Outbox, type PublishOptions } from '@shop/runtime';
import type { Prisma } from '../generated/prisma/client.js';
import { OrderEvents } from '../topics/order-contracts.js';
import {
  orderCancelledData,
  orderConfirmedData,
  orderRejectedData,
  orderShippedData,
} from './order-event-data.js';
import type { OrderPricing, OrderRecord, OrderShipment, StockRefusal } from './order-record.js';
import { decideTransition, type OrderTrigger, type TransitionDecision } from './order-state-machine.js';
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
 * transaction: lock the order, ask the state machine, store the change and
 * write its event to the outbox, so the change and the event commit together.
 */
@Injectable()
export class OrderLifecycle {
  constructor(
    private readonly orders: OrderRepository,
    private readonly outbox: Outbox,
  ) {}

  /** Stock reserved: PENDING → CONFIRMED with the inventory's prices; publishes order.confirmed. */
  confirm(tx: Prisma.TransactionClient, orderId: string, pricing: OrderPricing, causedBy: Cause): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'stockReserved', async (order, { to }) => {
      const confirmed = await this.orders.update(tx, order.id, { status: to, pricing });
      await this.outbox.publish(tx, OrderEvents.confirmed, orderConfirmedData(confirmed, pricing), { causedBy });
      return confirmed;
    });
  }

  /** Stock refused: PENDING → REJECTED; publishes order.rejected. */
  reject(tx: Prisma.TransactionClient, orderId: string, refusal: StockRefusal, causedBy: Cause): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'stockReservationFailed', async (order, { to }) => {
      const rejected = await this.orders.update(tx, order.id, { status: to, statusReason: stockRefusalReason(refusal) });
      await this.outbox.publish(tx, OrderEvents.rejected, orderRejectedData(rejected, refusal), { causedBy });
      return rejected;
    });
  }

  /** Parcel dispatched: CONFIRMED → SHIPPED; publishes order.shipped. */
  ship(tx: Prisma.TransactionClient, orderId: string, shipment: OrderShipment, causedBy: Cause): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'shipmentDispatched', async (order, { to }) => {
      const shipped = await this.orders.update(tx, order.id, { status: to, shipment });
      await this.outbox.publish(tx, OrderEvents.shipped, orderShippedData(shipped, shipment), { causedBy });
      return shipped;
    });
  }

  /**
   * PENDING or CONFIRMED → CANCELLED; publishes order.cancelled, on which the
   * inventory releases whatever it reserved for the order.
   */
  cancel(
    tx: Prisma.TransactionClient,
    orderId: string,
    { reason, requestedBy }: Cancellation,
    causedBy?: Cause,
  ): Promise<TransitionOutcome> {
    return this.transition(tx, orderId, 'cancel', async (order, { from, to }) => {
      const cancelled = await this.orders.update(tx, order.id, { status: to, statusReason: reason });
      const data = orderCancelledData(cancelled, { reason, requestedBy, previousStatus: from });
      const options: PublishOptions = causedBy ? { causedBy } : {};
      await this.outbox.publish(tx, OrderEvents.cancelled, data, options);
      return cancelled;
    });
  }

  private async transition<Trigger extends OrderTrigger>(
    tx: Prisma.TransactionClient,
    orderId: string,
    trigger: Trigger,
    apply: (order: OrderRecord, decision: Allowed<Trigger>) => Promise<OrderRecord>,
  ): Promise<TransitionOutcome> {
    const order = await this.orders.findForUpdate(tx, orderId);
    if (!order) return { kind: 'not-found', orderId };
    const decision = decideTransition(order.status, trigger);
    if (!decision.allowed) return { kind: 'refused', order, reason: decision.reason };
    return { kind: 'applied', order: await apply(order, decision), from: decision.from };
  }
}
