import { type ParseIssue, type ParseResult, safeParseWith } from '@shop/event-contracts';
import { idempotencyKeySchema, orderBodySchema, type PlaceOrderRequest } from './order-body.schema.js';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * The place-order request from the body, the Idempotency-Key header and the
 * signed-in customer, or every problem with the body and the header at once;
 * the header's issues are named after the header.
 */
export function placeOrderInput(body: unknown, idempotencyKey: string | undefined, customerId: string): ParseResult<PlaceOrderRequest> {
  const parsedBody = safeParseWith(orderBodySchema, body);
  const parsedKey: ParseResult<string> =
    idempotencyKey === undefined
      ? { success: false, error: 'missing', issues: [{ path: '(root)', message: 'required: a unique key per order, the same on every retry of it' }] }
      : safeParseWith(idempotencyKeySchema, idempotencyKey);
  if (parsedBody.success && parsedKey.success) return { success: true, data: { ...parsedBody.data, customerId, idempotencyKey: parsedKey.data } };
  const issues: ParseIssue[] = [
    ...(parsedKey.success ? [] : parsedKey.issues.map(({ message }) => ({ path: IDEMPOTENCY_KEY_HEADER, message }))),
    ...(parsedBody.success ? [] : parsedBody.issues),
  ];
  return { success: false, error: issues.map(({ path, message }) => `${path}: ${message}`).join('; '), issues };
}
