import type { JsonSchemaObject } from './json-schema.js';

/** A numeric bound; `exclusive` means the value itself is not allowed. */
export interface Bound {
  value: number;
  exclusive: boolean;
}

function isIntegerSchema(schema: JsonSchemaObject): boolean {
  return schema.type === 'integer';
}

// For integers `> 0` and `>= 1` are the same rule, so switching between them is not a change.
function normalize(bound: Bound, schema: JsonSchemaObject, direction: 1 | -1): Bound {
  if (!isIntegerSchema(schema)) return bound;
  if (bound.exclusive) return { value: Math.floor(bound.value) + direction, exclusive: false };
  return { value: direction === 1 ? Math.ceil(bound.value) : Math.floor(bound.value), exclusive: false };
}

function pick(
  inclusive: unknown,
  exclusive: unknown,
  stricter: (a: Bound, b: Bound) => boolean,
): Bound | undefined {
  const candidates: Bound[] = [];
  if (typeof inclusive === 'number') candidates.push({ value: inclusive, exclusive: false });
  if (typeof exclusive === 'number') candidates.push({ value: exclusive, exclusive: true });
  return candidates.reduce<Bound | undefined>(
    (best, bound) => (!best || stricter(bound, best) ? bound : best),
    undefined,
  );
}

/** At the same value, an exclusive bound is the stricter one. */
function stricterAtSameValue(candidate: Bound, reference: Bound): boolean {
  return candidate.value === reference.value && candidate.exclusive && !reference.exclusive;
}

export function isStricterLower(candidate: Bound, reference: Bound): boolean {
  return candidate.value > reference.value || stricterAtSameValue(candidate, reference);
}

export function isStricterUpper(candidate: Bound, reference: Bound): boolean {
  return candidate.value < reference.value || stricterAtSameValue(candidate, reference);
}

export function lowerBound(schema: JsonSchemaObject): Bound | undefined {
  const bound = pick(schema.minimum, schema.exclusiveMinimum, isStricterLower);
  return bound && normalize(bound, schema, 1);
}

export function upperBound(schema: JsonSchemaObject): Bound | undefined {
  const bound = pick(schema.maximum, schema.exclusiveMaximum, isStricterUpper);
  return bound && normalize(bound, schema, -1);
}

export function describeLower(bound: Bound | undefined): string {
  return bound ? `${bound.exclusive ? '>' : '>='} ${bound.value}` : 'none';
}

export function describeUpper(bound: Bound | undefined): string {
  return bound ? `${bound.exclusive ? '<' : '<='} ${bound.value}` : 'none';
}
