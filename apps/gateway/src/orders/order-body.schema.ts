import { type RequestOf, Requests } from '@shop/event-contracts';
import type { z } from 'zod';
import { objectSchemaOf } from '../validation/object-schema.js';

export type PlaceOrderRequest = RequestOf<typeof Requests.placeOrder>;

/** What a client posts to /orders: the place-order request without its idempotency key (a header) and customer (the token's). */
export type OrderBody = Omit<PlaceOrderRequest, 'idempotencyKey' | 'customerId'>;

const placeOrderRequestSchema = objectSchemaOf(Requests.placeOrder.requestSchema, Requests.placeOrder.pattern);

/** The contract's own schema, so the gateway refuses exactly what the order service would. */
export const orderBodySchema = placeOrderRequestSchema.omit({ idempotencyKey: true, customerId: true }) as unknown as z.ZodType<OrderBody>;

/** The `Idempotency-Key` header, as the contract's `idempotencyKey`. */
export const idempotencyKeySchema = placeOrderRequestSchema.shape.idempotencyKey as z.ZodType<string>;
