import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { skuSchema } from '../../fields/identifiers.js';
import { restockQuantitySchema } from '../../fields/restock-quantity.js';
import { Topics } from '../../topics.js';

export const stockReplenishedV1Schema = z
  .object({
    sku: skuSchema,
    quantity: restockQuantitySchema,
    stock: z.int().min(0).describe('The units available to reserve once the restock was applied.'),
  })
  .describe("A product's stock was raised by a restock (an operator's command); it belongs to no order.");

export type StockReplenishedV1 = z.infer<typeof stockReplenishedV1Schema>;

/** Keyed by the sku: a product's restocks stay in order on one partition, and no order is involved. */
export const stockReplenishedV1 = defineEvent({
  type: 'shop.inventory.stock-replenished.v1',
  topic: Topics.inventoryEvents,
  version: 1,
  schema: stockReplenishedV1Schema,
  key: (data) => data.sku,
  keyField: 'sku',
});
