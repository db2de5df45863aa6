import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { eventIdSchema, eventTypeSchema, orderIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { Topics } from '../../topics.js';

export const slackNotificationKindSchema = z.enum([
  'order-placed',
  'order-confirmed',
  'order-rejected',
  'order-cancelled',
  'order-shipped',
  'shipment-failed',
]);

export type SlackNotificationKind = z.infer<typeof slackNotificationKindSchema>;

export const slackNotifiedV1Schema = z
  .object({
    orderId: orderIdSchema,
    eventId: eventIdSchema.describe('The ce_id of the event this message answers: the dedupe key of the post.'),
    eventType: eventTypeSchema,
    kind: slackNotificationKindSchema,
    channel: nonEmptyText(80).optional().describe('Absent when the webhook posts to its default channel.'),
  })
  .describe('A message about an order was posted to the Slack webhook.');

export type SlackNotifiedV1 = z.infer<typeof slackNotifiedV1Schema>;

export const slackNotifiedV1 = defineEvent({
  type: 'shop.slack.notified.v1',
  topic: Topics.slackEvents,
  version: 1,
  schema: slackNotifiedV1Schema,
  key: (data) => data.orderId,
});
