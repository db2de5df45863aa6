import { z } from 'zod';
import { defineEvent } from '../../contract.js';
import { orderIdSchema } from '../../fields/identifiers.js';
import { refusalHasACause, stockRefusalShape } from '../../fields/stock-shortage.js';
import { Topics } from '../../topics.js';

export const stockReservationFailedV1Schema = z
  .object({ orderId: orderIdSchema, ...stockRefusalShape })
  .superRefine(refusalHasACause)
  .describe('Nothing was reserved (all or nothing): some skus lack stock or are unknown.');

export type StockReservationFailedV1 = z.infer<typeof stockReservationFailedV1Schema>;

export const stockReservationFailedV1 = defineEvent({
  type: 'shop.inventory.stock-reservation-failed.v1',
  topic: Topics.inventoryEvents,
  version: 1,
  schema: stockReservationFailedV1Schema,
  key: (data) => data.orderId,
});
