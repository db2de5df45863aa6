import { z } from 'zod';
import { orderIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { orderStatusSchema } from '../../fields/order-status.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';

/** Replies NOT_FOUND for an unknown order, CONFLICT once it is SHIPPED, REJECTED or already CANCELLED. */
export const cancelOrderRequest = defineRequest({
  pattern: RequestPatterns.cancelOrder,
  request: z.object({ orderId: orderIdSchema, reason: nonEmptyText(500) }),
  reply: z.object({ orderId: orderIdSchema, status: orderStatusSchema }),
});
