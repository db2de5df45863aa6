import { z } from 'zod';

/**
 * One character PostgreSQL can store in `text` and `jsonb`: anything but U+0000,
 * and UTF-16 surrogates only as a pair (one character outside the BMP). Written
 * to mean the same with and without the `u` flag, since zod tests it without
 * and JSON Schema validators (Ajv) with it.
 */
const STORABLE_CHARACTER = String.raw`(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])`;

/**
 * Text made only of storable characters: the `pattern` of every free-text field
 * in the published JSON Schemas and the OpenAPI document, so a client learns from
 * the schema what the services would otherwise fail to store.
 */
export const STORABLE_TEXT = new RegExp(`^${STORABLE_CHARACTER}*$`);

export const UNSTORABLE_TEXT_MESSAGE = 'must not contain U+0000 or an unpaired surrogate: they cannot be stored';

/** Characters as JSON Schema's minLength and maxLength count them (code points), not UTF-16 units as `length` does. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _character of text) count += 1;
  return count;
}

/**
 * Free text that must say something, bounded so one bad message cannot bloat
 * every read model, and storable. The bound counts characters the way the
 * published `maxLength` does, so a schema-valid value is never refused here
 * (zod's own `.max()` counts UTF-16 units: an emoji would count twice).
 */
export const nonEmptyText = (maxLength: number) =>
  z
    .string()
    .min(1)
    .regex(STORABLE_TEXT, UNSTORABLE_TEXT_MESSAGE)
    .refine((text) => characterCount(text) <= maxLength, `Too big: expected at most ${maxLength} characters`)
    .meta({ maxLength });
