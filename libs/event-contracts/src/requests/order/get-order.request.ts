import { z } from 'zod';
import { orderIdSchema } from '../../fields/identifiers.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';
import { orderViewSchema } from './order-view.js';

/** Replies NOT_FOUND for an unknown order. */
export const getOrderRequest = defineRequest({
  pattern: RequestPatterns.getOrder,
  request: z.object({ orderId: orderIdSchema }),
  reply: orderViewSchema,
});
