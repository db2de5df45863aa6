import { STORABLE_TEXT } from '@shop/event-contracts';
import fc from 'fast-check';
import type { JsonSchema, OpenApiDocument } from './openapi-types.js';
import { storableText, unstorable } from './text-arbitraries.js';

/** A JSON value of each type, to put where another type belongs. */
const VALUES_OF_EACH_TYPE: readonly unknown[] = [null, true, false, 0, -1, 1.5, 1e21, '', 'x', '1', [], [1], {}, { a: 1 }];

/** Names for properties no schema declares (the document allows them: its objects are open). */
const UNKNOWN_PROPERTIES = ['extra', '__proto__', 'constructor', 'idempotencyKey', 'orderId', 'status', '\u{1f600}'];

/**
 * fast-check arbitraries from the JSON Schemas of an OpenAPI document, for the
 * keywords the document uses ($ref, type, properties, required, items,
 * min/maxItems, min/maxLength, pattern, enum, const, integer bounds). `valid`
 * gives values the schema allows, `invalid` values wrong in one place; which
 * is which is then decided by a validator of the document, not by this code.
 */
export class SchemaArbitraries {
  constructor(private readonly document: OpenApiDocument) {}

  /** Values the schema allows: ordinary ones, ones at every bound, odd but storable text, unknown properties. */
  valid(raw: JsonSchema): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
    if ('const' in schema) return fc.constant(schema.const);
    switch (schema.type) {
      case 'object':
        return this.validObject(schema);
      case 'array': {
        const { min, max } = counts(schema, 'Items');
        const item = this.valid(schema.items as JsonSchema);
        return fc.oneof(
          { weight: 8, arbitrary: fc.array(item, { minLength: min, maxLength: Math.min(max, min + 4) }) },
          { weight: 1, arbitrary: fc.array(item, { minLength: min, maxLength: min }) },
          { weight: 1, arbitrary: fc.array(item, { minLength: max, maxLength: max }) },
        );
      }
      case 'string':
        return this.validString(schema);
      case 'integer': {
        const { min, max } = integerBounds(schema);
        return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min, max) });
      }
      case 'boolean':
        return fc.boolean();
      default:
        return fc.jsonValue();
    }
  }

  /** Values the schema refuses, each wrong in one place: a wrong type, a bound crossed, a required property missing, text that cannot be stored. */
  invalid(raw: JsonSchema): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    const wrongType = fc.constantFrom(...VALUES_OF_EACH_TYPE.filter((value) => !isOfType(value, schema.type)));
    switch (schema.type) {
      case 'object':
        return fc.oneof(wrongType, this.invalidObject(schema));
      case 'array': {
        const { min, max } = counts(schema, 'Items');
        const item = schema.items as JsonSchema;
        const wrong: fc.Arbitrary<unknown>[] = [wrongType, this.oneItemInvalid(schema)];
        if (min > 0) wrong.push(fc.array(this.valid(item), { maxLength: min - 1 }));
        if (max < Infinity) wrong.push(fc.array(this.valid(item), { minLength: max + 1, maxLength: max + 1 }));
        return fc.oneof(...wrong);
      }
      case 'string': {
        const { min, max } = counts(schema, 'Length');
        const wrong: fc.Arbitrary<unknown>[] = [wrongType, unstorable(this.validString(schema))];
        if (min > 0) wrong.push(fc.constant(''));
        if (max < Infinity) wrong.push(storableText(max + 1, max + 3));
        if (typeof schema.pattern === 'string' && schema.pattern !== STORABLE_TEXT.source) {
          const pattern = new RegExp(schema.pattern, 'u');
          wrong.push(storableText(0, 40).filter((text) => !pattern.test(text)));
        }
        return fc.oneof(...wrong);
      }
      case 'integer': {
        const { min, max } = integerBounds(schema);
        return fc.oneof(wrongType, fc.constantFrom(min - 1, max + 1, min + 0.5, Number.MAX_SAFE_INTEGER + 2, -min - 1));
      }
      default:
        return wrongType;
    }
  }

  private resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    return this.resolve(this.document.components.schemas[ref.split('/').at(-1)!]!);
  }

  private properties(schema: JsonSchema): [string, JsonSchema][] {
    return Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  }

  private validObject(schema: JsonSchema): fc.Arbitrary<unknown> {
    const model = Object.fromEntries(this.properties(schema).map(([name, property]) => [name, this.valid(property)]));
    const record = fc.record(model, { requiredKeys: (schema.required ?? []) as string[] });
    const known = new Set(Object.keys(model));
    const unknown = fc.dictionary(fc.constantFrom(...UNKNOWN_PROPERTIES.filter((name) => !known.has(name))), fc.jsonValue(), { maxKeys: 2 });
    return fc.oneof(
      { weight: 5, arbitrary: record },
      // On a prototype-less object, so an unknown "__proto__" is an own property, as JSON.parse makes it on the server.
      { weight: 1, arbitrary: fc.tuple(record, unknown).map(([value, extra]) => Object.assign(Object.create(null), extra, value) as object) },
    );
  }

  private invalidObject(schema: JsonSchema): fc.Arbitrary<unknown> {
    const properties = this.properties(schema);
    const required = new Set((schema.required ?? []) as string[]);
    const complete = fc.record(Object.fromEntries(properties.map(([name, property]) => [name, this.valid(property)])), {
      requiredKeys: [...required],
    });
    const wrong: fc.Arbitrary<unknown>[] = properties.map(([name, property]) =>
      fc.tuple(complete, this.invalid(property)).map(([value, bad]) => ({ ...(value as object), [name]: bad })),
    );
    for (const name of required) {
      wrong.push(complete.map((value) => Object.fromEntries(Object.entries(value as object).filter(([key]) => key !== name))));
    }
    return fc.oneof(...wrong);
  }

  private oneItemInvalid(schema: JsonSchema): fc.Arbitrary<unknown> {
    const { min } = counts(schema, 'Items');
    const item = schema.items as JsonSchema;
    return fc
      .tuple(fc.array(this.valid(item), { minLength: Math.max(min, 1), maxLength: Math.max(min, 3) }), this.invalid(item), fc.nat())
      .map(([items, bad, at]) => items.map((value, index) => (index === at % items.length ? bad : value)));
  }

  private validString(schema: JsonSchema): fc.Arbitrary<string> {
    const { min, max } = counts(schema, 'Length');
    if (typeof schema.pattern !== 'string' || schema.pattern === STORABLE_TEXT.source) {
      return storableText(min, Number.isFinite(max) ? max : min + 300);
    }
    const pattern = new RegExp(schema.pattern, 'u');
    return fc.stringMatching(pattern).filter((text) => [...text].length >= min && [...text].length <= max);
  }
}

/** Whether a JSON value is of a JSON Schema type (an integer is a number too). */
function isOfType(value: unknown, type: unknown): boolean {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (type === 'integer') return Number.isInteger(value);
  return actual === type;
}

/** minLength/maxLength or minItems/maxItems, unbounded when absent. */
function counts(schema: JsonSchema, kind: 'Length' | 'Items'): { min: number; max: number } {
  const min = schema[`min${kind}`];
  const max = schema[`max${kind}`];
  return { min: typeof min === 'number' ? min : 0, max: typeof max === 'number' ? max : Infinity };
}

/** The smallest and largest integers a schema allows (within what fast-check draws from: 32-bit integers). */
function integerBounds(schema: JsonSchema): { min: number; max: number } {
  const number = (keyword: string) => (typeof schema[keyword] === 'number' ? (schema[keyword] as number) : undefined);
  const exclusiveMin = number('exclusiveMinimum');
  const exclusiveMax = number('exclusiveMaximum');
  const min = Math.max(number('minimum') ?? -(2 ** 31), exclusiveMin === undefined ? -(2 ** 31) : Math.floor(exclusiveMin) + 1);
  const max = Math.min(number('maximum') ?? 2 ** 31 - 1, exclusiveMax === undefined ? 2 ** 31 - 1 : Math.ceil(exclusiveMax) - 1);
  return { min, max };
}
