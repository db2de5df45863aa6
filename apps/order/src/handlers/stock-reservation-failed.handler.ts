import { Injectable, Logger } from '@nestjs/common';
import type { StockReservationFailedV1 } from '@shop/event-contracts';
import type { EventContext, EventHandlerProvider } from '@shop/runtime';
import { OrderLifecycle } from '../order/order-lifecycle.service.js';
import { OrderEvents } from '../topics/order-contracts.js';
import { warnIfIgnored } from './ignored-event.js';

/** PENDING → REJECTED, the reason naming the shortages. Nothing was reserved, so nothing needs undoing. */
@Injectable()
export class StockReservationFailedHandler implements EventHandlerProvider<StockReservationFailedV1> {
  readonly contract = OrderEvents.stockReservationFailed;
  private readonly logger = new Logger(StockReservationFailedHandler.name);

  constructor(private readonly lifecycle: OrderLifecycle) {}

  async handle(
    { orderId, shortages, unknownSkus }: StockReservationFailedV1,
    { tx, envelope }: EventContext<StockReservationFailedV1>,
  ) {
    const outcome = await this.lifecycle.reject(tx, orderId, { shortages, unknownSkus }, envelope);
    warnIfIgnored(this.logger, outcome, envelope);
  }
}
