import { Injectable, Logger } from '@nestjs/common';
import { Events, type OrderCancelledV1 } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider, Outbox } from '@shop/runtime';
import { lockOrder } from '../database/order-lock.js';
import { CancelledOrdersRepository } from './cancelled-orders.repository.js';
import { ReservationRepository } from './reservation.repository.js';
import { StockRepository } from './stock.repository.js';

/**
 * Gives a cancelled order's reserved stock back (stock-released). Without a
 * reservation (cancelled before reserving, or refused) there is nothing to
 * release; either way the cancellation is remembered, so a late order.placed
 * cannot take stock for it.
 */
@Injectable()
export class OrderCancelledHandler implements EventHandlerProvider<OrderCancelledV1> {
  readonly contract = Events.orderCancelledV1;
  private readonly logger = new Logger(OrderCancelledHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly stock: StockRepository,
    private readonly reservations: ReservationRepository,
    private readonly cancelledOrders: CancelledOrdersRepository,
  ) {}

  async handle({ orderId }: OrderCancelledV1, { tx, envelope }: EventContext<OrderCancelledV1>): Promise<void> {
    await lockOrder(tx, orderId);
    await this.cancelledOrders.record(tx, orderId);
    const reservation = await this.reservations.findReserved(tx, orderId);
    if (!reservation) {
      this.logger.log({ msg: 'order cancelled with no stock reserved: nothing to release', orderId });
      return;
    }
    await this.stock.lockProducts(tx, reservation.lines.map((line) => line.sku));
    await this.stock.giveBack(tx, reservation.lines);
    await this.reservations.markReleased(tx, orderId);
    await this.outbox.publish(tx, Events.stockReleasedV1, { orderId, lines: reservation.lines }, { causedBy: envelope });
  }
}
