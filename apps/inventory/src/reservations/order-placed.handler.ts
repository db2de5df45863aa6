import { Injectable, Logger } from '@nestjs/common';
import { Events, type OrderPlacedV1 } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider, Outbox } from '@shop/runtime';
import { lockOrder } from '../database/order-lock.js';
import { planReservation } from './reservation-plan.js';
import { ReservationRepository } from './reservation.repository.js';

/**
 * Reserves an order's stock, all or nothing, in the consumer's transaction:
 * stock-reserved (priced lines) or stock-reservation-failed (nothing taken).
 */
@Injectable()
export class OrderPlacedHandler implements EventHandlerProvider<OrderPlacedV1> {
  readonly contract = Events.orderPlacedV1;
  private readonly logger = new Logger(OrderPlacedHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly reservations: ReservationRepository,
  ) {}

  async handle(order: OrderPlacedV1, { tx, envelope }: EventContext<OrderPlacedV1>): Promise<void> {
    const { orderId } = order;
    await lockOrder(tx, orderId);
    const { prior, products } = await this.reservations.priorOutcomeLockingProducts(
      tx,
      orderId,
      order.items.map((item) => item.sku),
    );
    if (prior === 'cancelled') {
      // The order is CANCELLED (final): nobody waits for an answer, and a refusal would have to invent a cause.
      this.logger.warn({ msg: 'order.placed for a cancelled order: no stock taken, nothing published', orderId });
      return;
    }
    if (prior === 'reserved') {
      this.logger.warn({ msg: 'order.placed again for an order already reserved: ignored', orderId, eventId: envelope.id });
      return;
    }

    const plan = planReservation(order.items, products);
    if (plan.kind === 'refuse') {
      const { shortages, unknownSkus } = plan;
      await this.outbox.publish(tx, Events.stockReservationFailedV1, { orderId, shortages, unknownSkus }, { causedBy: envelope });
      return;
    }
    await this.reservations.reserve(tx, { orderId, ...plan });
    const { lines, currency, totalCents } = plan;
    await this.outbox.publish(tx, Events.stockReservedV1, { orderId, lines, currency, totalCents }, { causedBy: envelope });
  }
}
