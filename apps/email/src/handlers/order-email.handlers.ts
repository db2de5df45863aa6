import { Inject, Injectable, type Type } from '@nestjs/common';
import { type EventContract, Events } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider, nameHandlerClass } from '@shop/runtime';
import { PricedOrderRepository } from '../orders/priced-order.repository.js';
import { EmailSender } from '../sending/email-sender.js';
import type { EmailContent, PricedOrder } from '../templates/email-content.js';
import {
  orderCancelledEmail,
  orderConfirmedEmail,
  orderPlacedEmail,
  orderRejectedEmail,
  orderShippedEmail,
} from '../templates/order-emails.js';

type OrderEvent = { orderId: string; email: string };

/** Which event sends which e-mail; `priced` is the order as confirmed, if it was. */
interface OrderEmail<Data extends OrderEvent> {
  contract: EventContract<Data, string>;
  compose: (data: Data, priced: PricedOrder | undefined) => EmailContent;
  /** The event carries the priced order: remember it for the e-mails after it. */
  remembersPrices?: (data: Data) => PricedOrder;
  /** The e-mail shows the prices remembered from the confirmation; the others do not read them (a statement saved). */
  showsRememberedPrices?: true;
}

const orderEmail = <Data extends OrderEvent>(spec: OrderEmail<Data>) => spec as unknown as OrderEmail<OrderEvent>;

export const ORDER_EMAILS = [
  orderEmail({ contract: Events.orderPlacedV1, compose: orderPlacedEmail }),
  orderEmail({ contract: Events.orderConfirmedV1, compose: orderConfirmedEmail, remembersPrices: (order) => order }),
  orderEmail({ contract: Events.orderRejectedV1, compose: orderRejectedEmail }),
  orderEmail({ contract: Events.orderCancelledV1, compose: orderCancelledEmail, showsRememberedPrices: true }),
  orderEmail({ contract: Events.orderShippedV1, compose: orderShippedEmail, showsRememberedPrices: true }),
];

/** The handler that sends one event type's e-mail to the order's customer. */
function orderEmailHandlerFor(spec: OrderEmail<OrderEvent>): Type<EventHandlerProvider<OrderEvent>> {
  @Injectable()
  class OrderEmailHandler implements EventHandlerProvider<OrderEvent> {
    readonly contract = spec.contract;

    constructor(
      @Inject(EmailSender) private readonly sender: EmailSender,
      @Inject(PricedOrderRepository) private readonly pricedOrders: PricedOrderRepository,
    ) {}

    async handle(data: OrderEvent, { tx, batch, envelope }: EventContext<OrderEvent>): Promise<void> {
      if (spec.remembersPrices) await this.pricedOrders.remember(tx, data.orderId, spec.remembersPrices(data));
      const priced = spec.showsRememberedPrices ? await this.pricedOrders.find(tx, data.orderId) : undefined;
      await this.sender.sendOnce({ tx, batch }, envelope, data.email, spec.compose(data, priced));
    }
  }
  return nameHandlerClass(OrderEmailHandler, 'Email', spec.contract.type);
}

export const ORDER_EMAIL_HANDLERS = ORDER_EMAILS.map(orderEmailHandlerFor);
