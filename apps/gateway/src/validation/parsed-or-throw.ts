import type { ParseResult } from '@shop/event-contracts';
import { fieldErrors, type FieldNames, Problems } from '../problem/problem.js';

/** The parsed data, or a 400 problem naming every bad field as the client sent it. */
export function parsedOrThrow<Data>(result: ParseResult<Data>, names: FieldNames = {}): Data {
  if (result.success) return result.data;
  throw Problems.invalid(fieldErrors(result.issues, names));
}
