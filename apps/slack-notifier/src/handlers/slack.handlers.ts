import { Inject, Injectable, type Type } from '@nestjs/common';
import { type EventContract, Events } from '@shop/event-contracts';
import { type EventContext, type EventHandlerProvider, nameHandlerClass } from '@shop/runtime';
import { orderConfirmedMessage, orderRejectedMessage, type OrderSlackMessage, shipmentFailedMessage } from '../messages/order-messages.js';
import { SlackNotifier } from '../notifying/slack-notifier.js';

type OrderEvent = { orderId: string };

/** Which events are worth a message in the shop's channel, and what it says. */
interface SlackNotice<Data extends OrderEvent> {
  contract: EventContract<Data, string>;
  compose: (data: Data, eventId: string) => OrderSlackMessage;
}

const notice = <Data extends OrderEvent>(spec: SlackNotice<Data>) => spec as unknown as SlackNotice<OrderEvent>;

export const SLACK_NOTICES = [
  notice({ contract: Events.orderConfirmedV1, compose: orderConfirmedMessage }),
  notice({ contract: Events.orderRejectedV1, compose: orderRejectedMessage }),
  notice({ contract: Events.shipmentFailedV1, compose: shipmentFailedMessage }),
];

function slackHandlerFor(spec: SlackNotice<OrderEvent>): Type<EventHandlerProvider<OrderEvent>> {
  @Injectable()
  class SlackNoticeHandler implements EventHandlerProvider<OrderEvent> {
    readonly contract = spec.contract;

    constructor(@Inject(SlackNotifier) private readonly notifier: SlackNotifier) {}

    handle(data: OrderEvent, { tx, envelope }: EventContext<OrderEvent>): Promise<void> {
      return this.notifier.notifyOnce(tx, envelope, spec.compose(data, envelope.id));
    }
  }
  return nameHandlerClass(SlackNoticeHandler, 'Slack', spec.contract.type);
}

export const SLACK_HANDLERS = SLACK_NOTICES.map(slackHandlerFor);
