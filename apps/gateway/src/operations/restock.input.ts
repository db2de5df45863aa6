import { type ParseResult, type RequestOf, type Requests, safeParseWith, skuSchema } from '@shop/event-contracts';
import { parseAll } from '../validation/parse-all.js';
import { restockBodySchema } from './restock-body.schema.js';

export type RestockRequest = RequestOf<typeof Requests.restock>;

/** The restock request from the path's sku and the body, or every problem with both at once. */
export function restockInput(sku: string, body: unknown): ParseResult<RestockRequest> {
  const parsed = parseAll({ sku: { result: safeParseWith(skuSchema, sku), as: 'sku' }, body: { result: safeParseWith(restockBodySchema, body) } });
  return parsed.success ? { success: true, data: { sku: parsed.data.sku, ...parsed.data.body } } : parsed;
}
