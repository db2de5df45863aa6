import { Requests } from '@shop/event-contracts';
import { z } from 'zod';
import { objectSchemaOf } from '../validation/object-schema.js';

const cancelOrderRequestSchema = objectSchemaOf(Requests.cancelOrder.requestSchema, Requests.cancelOrder.pattern);

/** POST /orders/:id/cancel body: an optional reason, bounded as the contract bounds it. No body at all is fine. */
export const cancelOrderBodySchema = z
  .object({ reason: (cancelOrderRequestSchema.shape.reason as z.ZodType<string>).optional() })
  .optional()
  .transform((body) => body ?? {});

export const DEFAULT_CANCEL_REASON = 'cancelled by the customer';
