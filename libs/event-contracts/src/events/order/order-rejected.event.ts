import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { customerIdSchema, emailAddressSchema, orderIdSchema } from '../../fields/identifiers.js';
import { refusalHasACause, stockRefusalShape } from '../../fields/stock-shortage.js';
import { Topics } from '../../topics.js';

export const orderRejectedV1Schema = z
  .object({
    orderId: orderIdSchema,
    customerId: customerIdSchema,
    email: emailAddressSchema,
    reason: z.enum(['STOCK_UNAVAILABLE']),
    ...stockRefusalShape,
  })
  .superRefine(refusalHasACause)
  .describe('The inventory could not reserve the stock; the order is REJECTED (final).');

export type OrderRejectedV1 = z.infer<typeof orderRejectedV1Schema>;

export const orderRejectedV1 = defineEvent({
  type: 'shop.order.rejected.v1',
  topic: Topics.orderEvents,
  version: 1,
  schema: orderRejectedV1Schema,
  key: (data) => data.orderId,
});
