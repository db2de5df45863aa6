import { Injectable, Logger } from '@nestjs/common';
import type { ShipmentFailedV1 } from '@shop/event-contracts';
import type { EventContext, EventHandlerProvider } from '@shop/runtime';
import { OrderLifecycle } from '../order/order-lifecycle.service.js';
import { fitReason } from '../order/status-reason.js';
import { OrderEvents } from '../topics/order-contracts.js';
import { warnIfIgnored } from './ignored-event.js';

/** The saga's compensation: CONFIRMED → CANCELLED by the system; the inventory releases the stock on order.cancelled. */
@Injectable()
export class ShipmentFailedHandler implements EventHandlerProvider<ShipmentFailedV1> {
  readonly contract = OrderEvents.shipmentFailed;
  private readonly logger = new Logger(ShipmentFailedHandler.name);

  constructor(private readonly lifecycle: OrderLifecycle) {}

  async handle({ orderId, reason }: ShipmentFailedV1, { tx, envelope }: EventContext<ShipmentFailedV1>) {
    const cancellation = { reason: fitReason(`shipment failed: ${reason}`), requestedBy: 'system' } as const;
    const outcome = await this.lifecycle.cancel(tx, orderId, cancellation, envelope);
    warnIfIgnored(this.logger, outcome, envelope);
  }
}
