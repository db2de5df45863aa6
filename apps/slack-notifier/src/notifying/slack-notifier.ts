import { Injectable, Logger } from '@nestjs/common';
import { type EventEnvelope, Events } from '@shop/event-contracts';
import { Outbox, PerformedEffects, type SqlTransaction } from '@shop/runtime';
import type { OrderSlackMessage } from '../messages/order-messages.js';
import { SlackWebhookClient } from '../webhook/slack-webhook-client.js';
import { SlackNotificationRepository } from './slack-notification.repository.js';

/**
 * Posts the message of one event at most once per event id, in the
 * consumer's transaction: the record, the post and the slack.notified event
 * commit together, or the transaction rolls back and the event is tried again.
 * A post whose commit then failed is not repeated by the retry in this
 * process; only the process dying between Slack's 200 and the commit posts
 * it twice (a webhook has no idempotency key).
 */
@Injectable()
export class SlackNotifier {
  private readonly logger = new Logger(SlackNotifier.name);

  constructor(
    private readonly webhook: SlackWebhookClient,
    private readonly notifications: SlackNotificationRepository,
    private readonly outbox: Outbox,
    private readonly performed: PerformedEffects,
  ) {}

  async notifyOnce(
    tx: SqlTransaction,
    envelope: EventEnvelope<{ orderId: string }>,
    { kind, message }: OrderSlackMessage,
  ): Promise<void> {
    const { orderId } = envelope.data;
    if (!(await this.notifications.claim(tx, { eventId: envelope.id, orderId, kind }))) {
      this.logger.log({ msg: 'Slack message already posted for this event: not again', eventId: envelope.id, orderId });
      return;
    }
    await this.performed.once(envelope.id, () => this.webhook.post(message));
    await this.outbox.publish(tx, Events.slackNotifiedV1, { orderId, eventId: envelope.id, eventType: envelope.type, kind }, { causedBy: envelope });
    this.logger.log({ msg: 'posted to Slack', kind, orderId });
  }
}
