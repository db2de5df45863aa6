import { Injectable, Logger } from '@nestjs/common';
import type { ShipmentDispatchedV1 } from '@shop/event-contracts';
import type { EventContext, EventHandlerProvider } from '@shop/runtime';
import { OrderLifecycle } from '../order/order-lifecycle.service.js';
import { OrderEvents } from '../topics/order-contracts.js';
import { warnIfIgnored } from './ignored-event.js';

/**
 * CONFIRMED → SHIPPED. A parcel dispatched for an order cancelled meanwhile
 * leaves the order CANCELLED (the cancel came first and was published); the
 * warning is the trace of that race for whoever recalls the parcel.
 */
@Injectable()
export class ShipmentDispatchedHandler implements EventHandlerProvider<ShipmentDispatchedV1> {
  readonly contract = OrderEvents.shipmentDispatched;
  private readonly logger = new Logger(ShipmentDispatchedHandler.name);

  constructor(private readonly lifecycle: OrderLifecycle) {}

  async handle(data: ShipmentDispatchedV1, { tx, envelope }: EventContext<ShipmentDispatchedV1>) {
    const { orderId, shipmentId, carrier, trackingNumber, trackingUrl } = data;
    const shipment = { shipmentId, carrier, trackingNumber, ...(trackingUrl && { trackingUrl }) };
    const outcome = await this.lifecycle.ship(tx, orderId, shipment, envelope);
    warnIfIgnored(this.logger, outcome, envelope);
  }
}
