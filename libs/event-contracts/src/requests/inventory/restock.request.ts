import { z } from 'zod';
import { skuSchema } from '../../fields/identifiers.js';
import { restockQuantitySchema } from '../../fields/restock-quantity.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';

/**
 * Raises a product's stock by `quantity` and publishes stock-replenished, in
 * one transaction. Replies NOT_FOUND for a sku the catalog does not have,
 * CONFLICT when the stock would exceed what the inventory can hold. Not
 * idempotent: each call adds its units (the reply says the stock it left).
 */
export const restockRequest = defineRequest({
  pattern: RequestPatterns.restock,
  request: z.object({ sku: skuSchema, quantity: restockQuantitySchema }),
  reply: z.object({
    sku: skuSchema,
    quantity: restockQuantitySchema,
    stock: z.int().min(0).describe('The units available to reserve now, the restock included.'),
  }),
});
