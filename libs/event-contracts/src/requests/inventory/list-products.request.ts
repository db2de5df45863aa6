import { z } from 'zod';
import { skuSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { amountCentsSchema, currencySchema } from '../../fields/money.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';

export const productSchema = z.object({
  sku: skuSchema,
  name: nonEmptyText(200),
  priceCents: amountCentsSchema,
  currency: currencySchema,
  stock: z.int().min(0).describe('Units available to reserve now.'),
});

export type Product = z.infer<typeof productSchema>;

export const listProductsRequest = defineRequest({
  pattern: RequestPatterns.listProducts,
  request: z.object({}),
  reply: z.object({ products: z.array(productSchema) }),
});
