import { type RequestOf, Requests } from '@shop/event-contracts';
import type { z } from 'zod';
import { objectSchemaOf } from '../validation/object-schema.js';

/** What an operator posts to /products/:sku/restock: the restock request without its sku, which is the path's. */
export type RestockBody = Omit<RequestOf<typeof Requests.restock>, 'sku'>;

const restockRequestSchema = objectSchemaOf(Requests.restock.requestSchema, Requests.restock.pattern);

/** The contract's own schema, so the gateway refuses exactly what the inventory would (quantity 1 to 1,000,000). */
export const restockBodySchema = restockRequestSchema.omit({ sku: true }) as unknown as z.ZodType<RestockBody>;
