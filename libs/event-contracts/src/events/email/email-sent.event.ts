import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { emailAddressSchema, eventIdSchema, eventTypeSchema, orderIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { Topics } from '../../topics.js';

export const emailTemplateSchema = z.enum([
  'order-placed',
  'order-confirmed',
  'order-rejected',
  'order-cancelled',
  'order-shipped',
]);

export type EmailTemplate = z.infer<typeof emailTemplateSchema>;

export const emailSentV1Schema = z
  .object({
    orderId: orderIdSchema,
    eventId: eventIdSchema.describe('The ce_id of the event this e-mail answers: the dedupe key of the send.'),
    eventType: eventTypeSchema,
    template: emailTemplateSchema,
    recipient: emailAddressSchema,
    messageId: nonEmptyText(998).describe('The Message-ID the SMTP server accepted.'),
  })
  .describe('An e-mail about an order was accepted by the SMTP server.');

export type EmailSentV1 = z.infer<typeof emailSentV1Schema>;

export const emailSentV1 = defineEvent({
  type: 'shop.email.sent.v1',
  topic: Topics.emailEvents,
  version: 1,
  schema: emailSentV1Schema,
  key: (data) => data.orderId,
});
