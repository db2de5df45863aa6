import { MAX_LINES_PER_ORDER, orderItemSchema, quantitySchema, type RequestOf, Requests } from '@shop/event-contracts';
import { z } from 'zod';
import { objectSchemaOf } from '../validation/object-schema.js';
import { mergeItemsBySku } from './merged-items.js';

export type PlaceOrderRequest = RequestOf<typeof Requests.placeOrder>;

/** What a client posts to /orders: the place-order request without its idempotency key (a header) and customer (the token's). */
export type OrderBody = Omit<PlaceOrderRequest, 'idempotencyKey' | 'customerId'>;

const placeOrderRequestSchema = objectSchemaOf(Requests.placeOrder.requestSchema, Requests.placeOrder.pattern);

/**
 * The most units one line may ask for: the inventory counts stock in a
 * PostgreSQL integer, so no larger line could ever be reserved; and lines
 * merged (at most MAX_LINES_PER_ORDER of them) stay exact integers, within
 * the contract's quantity.
 */
export const MAX_QUANTITY_PER_ITEM = 2_147_483_647;

/** An order line as a client posts it: the contract's, its quantity bounded. */
export const placeOrderItemSchema = orderItemSchema.extend({ quantity: quantitySchema.max(MAX_QUANTITY_PER_ITEM) });

/**
 * The lines of a posted order. A sku may appear on several lines: they are one
 * line with the quantities added (mergeItemsBySku). A client means exactly that;
 * and the contract's rule instead (each sku once) is one that JSON Schema, so the
 * OpenAPI document, cannot state: refusing it would refuse what the document allows.
 */
const placeOrderItemsSchema = z
  .array(placeOrderItemSchema)
  .min(1)
  .max(MAX_LINES_PER_ORDER)
  .transform(mergeItemsBySku)
  .describe('The lines; lines of the same sku are merged into one, their quantities added.');

/** The contract's own schema without the key (a header) and the customer (the token's), lines merged, so the gateway refuses exactly what the order service would. */
export const orderBodySchema = placeOrderRequestSchema
  .omit({ idempotencyKey: true, customerId: true })
  .extend({ items: placeOrderItemsSchema }) as unknown as z.ZodType<OrderBody>;

/** The `Idempotency-Key` header, as the contract's `idempotencyKey`. */
export const idempotencyKeySchema = placeOrderRequestSchema.shape.idempotencyKey as z.ZodType<string>;
