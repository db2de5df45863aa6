import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { orderIdSchema } from '../../fields/identifiers.js';
import { MAX_LINES_PER_ORDER, orderItemSchema, withDistinctSkus } from '../../fields/order-lines.js';
import { Topics } from '../../topics.js';

export const stockReleasedV1Schema = z
  .object({
    orderId: orderIdSchema,
    lines: withDistinctSkus(z.array(orderItemSchema).min(1).max(MAX_LINES_PER_ORDER)).describe(
      'The units put back in stock.',
    ),
  })
  .describe("The order's reservation is undone (the order was cancelled).");

export type StockReleasedV1 = z.infer<typeof stockReleasedV1Schema>;

export const stockReleasedV1 = defineEvent({
  type: 'shop.inventory.stock-released.v1',
  topic: Topics.inventoryEvents,
  version: 1,
  schema: stockReleasedV1Schema,
  key: (data) => data.orderId,
});
