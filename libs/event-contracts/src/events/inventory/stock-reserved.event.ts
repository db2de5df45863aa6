import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { orderIdSchema } from '../../fields/identifiers.js';
import { pricedOrderShape, totalMatchesLines } from '../../fields/order-lines.js';
import { Topics } from '../../topics.js';

export const stockReservedV1Schema = z
  .object({ orderId: orderIdSchema, ...pricedOrderShape })
  .superRefine(totalMatchesLines)
  .describe('Every line of the order is reserved, at the prices of the catalog at that moment.');

export type StockReservedV1 = z.infer<typeof stockReservedV1Schema>;

export const stockReservedV1 = defineEvent({
  type: 'shop.inventory.stock-reserved.v1',
  topic: Topics.inventoryEvents,
  version: 1,
  schema: stockReservedV1Schema,
  key: (data) => data.orderId,
});
