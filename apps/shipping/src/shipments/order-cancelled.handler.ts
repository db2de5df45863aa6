import { Injectable, Logger } from '@nestjs/common';
import { Events, type OrderCancelledV1 } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider } from '@shop/runtime';
import { lockOrder } from '../database/order-lock.js';
import { CancelledOrdersRepository } from './cancelled-orders.repository.js';
import { ShipmentRepository } from './shipment.repository.js';

/**
 * Stops a cancelled order's shipment if it has not been dispatched, and
 * remembers the cancellation so a late order.confirmed opens no shipment.
 * No event: the order is already CANCELLED, and no contract announces this.
 */
@Injectable()
export class OrderCancelledHandler implements EventHandlerProvider<OrderCancelledV1> {
  readonly contract = Events.orderCancelledV1;
  private readonly logger = new Logger(OrderCancelledHandler.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly cancelledOrders: CancelledOrdersRepository,
  ) {}

  async handle({ orderId }: OrderCancelledV1, { tx }: EventContext<OrderCancelledV1>): Promise<void> {
    await lockOrder(tx, orderId);
    await this.cancelledOrders.record(tx, orderId);
    const status = await this.shipments.cancelIfNotDispatched(tx, orderId);
    if (status === 'DISPATCHED') this.logger.warn({ msg: 'order cancelled after its shipment left: too late to stop it', orderId });
    else this.logger.log({ msg: 'order cancelled', orderId, shipment: status ?? 'none' });
  }
}
