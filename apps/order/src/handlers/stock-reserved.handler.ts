import { Injectable, Logger } from '@nestjs/common';
import type { StockReservedV1 } from '@shop/event-contracts';
import type { EventContext, EventHandlerProvider } from '@shop/runtime';
import { OrderLifecycle } from '../order/order-lifecycle.service.js';
import { OrderEvents } from '../topics/order-contracts.js';
import { warnIfIgnored } from './ignored-event.js';

/**
 * PENDING → CONFIRMED. Stock reserved for an order cancelled meanwhile is
 * ignored: the inventory handles that order's order.cancelled after the
 * order.placed it reserved for (one key, one partition), and releases it then.
 */
@Injectable()
export class StockReservedHandler implements EventHandlerProvider<StockReservedV1> {
  readonly contract = OrderEvents.stockReserved;
  private readonly logger = new Logger(StockReservedHandler.name);

  constructor(private readonly lifecycle: OrderLifecycle) {}

  async handle(
    { orderId, lines, currency, totalCents }: StockReservedV1,
    { tx, envelope }: EventContext<StockReservedV1>,
  ) {
    const outcome = await this.lifecycle.confirm(tx, orderId, { lines, currency, totalCents }, envelope);
    const cancelled = outcome.kind === 'refused' && outcome.order.status === 'CANCELLED';
    warnIfIgnored(this.logger, outcome, envelope, cancelled ? 'the inventory releases this reservation on order.cancelled' : undefined);
  }
}
