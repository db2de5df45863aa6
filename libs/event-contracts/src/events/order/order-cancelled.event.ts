import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { customerIdSchema, emailAddressSchema, orderIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { Topics } from '../../topics.js';

export const orderCancelledV1Schema = z
  .object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    email: emailAddressSchema,
    reason: nonEmptyText(500),
    requestedBy: z.enum(['customer', 'system']).describe('system: a compensation, e.g. the shipment failed.'),
    previousStatus: z
      .enum(['PENDING', 'CONFIRMED'])
      .describe('CONFIRMED means stock was reserved: the inventory releases it on this event.'),
  })
  .describe('The order is CANCELLED (final); any reserved stock is released.');

export type OrderCancelledV1 = z.infer<typeof orderCancelledV1Schema>;

export const orderCancelledV1 = defineEvent({
  type: 'shop.order.cancelled.v1',
  topic: Topics.orderEvents,
  version: 1,
  schema: orderCancelledV1Schema,
  key: (data) => data.orderId,
});
