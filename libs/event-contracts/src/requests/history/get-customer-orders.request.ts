import { z } from 'zod';
import { customerIdSchema, orderIdSchema } from '../../fields/identifiers.js';
import { amountCentsSchema, currencySchema } from '../../fields/money.js';
import { orderStatusSchema } from '../../fields/order-status.js';
import { isoDateTimeSchema } from '../../fields/timestamps.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';

export const customerOrderSummarySchema = z.object({
  orderId: orderIdSchema,
  status: orderStatusSchema,
  currency: currencySchema.optional().describe('Once the stock is reserved, with totalCents.'),
  totalCents: amountCentsSchema.optional(),
  placedAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});

export type CustomerOrderSummary = z.infer<typeof customerOrderSummarySchema>;

/** A customer without orders gets an empty list, not NOT_FOUND. Newest first. */
export const getCustomerOrdersRequest = defineRequest({
  pattern: RequestPatterns.getCustomerOrders,
  request: z.object({ customerId: customerIdSchema }),
  reply: z.object({ customerId: customerIdSchema, orders: z.array(customerOrderSummarySchema) }),
});
