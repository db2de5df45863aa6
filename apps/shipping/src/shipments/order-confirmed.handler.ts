import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { Events, type OrderConfirmedV1 } from '@shop/event-contracts';
import { currentTraceHeaders, type EventContext, type EventHandlerProvider, Outbox } from '@shop/runtime';
import { type ShippingConfig, shippingConfig } from '../config/shipping-config.js';
import { lockOrder } from '../database/order-lock.js';
import { dispatchTime } from '../dispatch/dispatch-decision.js';
import { ShipmentDispatcher } from '../dispatch/shipment-dispatcher.js';
import { ShipmentRepository } from './shipment.repository.js';

/** Opens the shipment of a confirmed order (once per order) and announces it; the dispatcher takes it from there. */
@Injectable()
export class OrderConfirmedHandler implements EventHandlerProvider<OrderConfirmedV1> {
  readonly contract = Events.orderConfirmedV1;
  private readonly logger = new Logger(OrderConfirmedHandler.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly shipments: ShipmentRepository,
    private readonly dispatcher: ShipmentDispatcher,
    @Inject(shippingConfig.token) private readonly config: ShippingConfig,
  ) {}

  async handle(order: OrderConfirmedV1, { tx, envelope }: EventContext<OrderConfirmedV1>): Promise<void> {
    const { orderId, shippingAddress } = order;
    await lockOrder(tx, orderId);
    const shipmentId = randomUUID();
    // One clock reading for both: the shipment leaves exactly the delay after it was opened.
    const createdAt = new Date();
    const dispatchAt = dispatchTime(createdAt, this.config.SHIPPING_DISPATCH_DELAY_MS);
    // The dispatcher publishes later, outside this handler: it continues this event's flow and trace.
    const origin = { correlationId: envelope.correlationId, causationId: envelope.id, traceHeaders: currentTraceHeaders() };
    const opened = await this.shipments.openUnlessCancelled(tx, { id: shipmentId, orderId, shippingAddress, createdAt, dispatchAt, ...origin });
    if (opened === 'cancelled') {
      this.logger.warn({ msg: 'order.confirmed for a cancelled order: no shipment', orderId });
      return;
    }
    if (opened === 'already-open') {
      this.logger.warn({ msg: 'order.confirmed again for an order with a shipment: ignored', orderId, eventId: envelope.id });
      return;
    }
    await this.outbox.publish(tx, Events.shipmentCreatedV1, { shipmentId, orderId, shippingAddress }, { causedBy: envelope });
    this.dispatcher.expect(dispatchAt);
  }
}
