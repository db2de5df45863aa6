import { z } from 'zod';
import {
  findBreakingChanges,
  findBreakingChangesInCatalog,
  formatBreakingChange,
  type JsonSchema,
} from './compatibility.js';
import { STORABLE_TEXT } from './fields/text.js';
import { toPublishedJsonSchema } from './json-schemas.js';

const breaks = (previous: JsonSchema, next: JsonSchema) => findBreakingChanges(previous, next).map(formatBreakingChange);

const object = (properties: Record<string, JsonSchema>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  properties,
  required,
});

const text = { type: 'string' };
const count = { type: 'integer', minimum: 1 };

describe('schema compatibility of a published version', () => {
  it('finds nothing between identical schemas', () => {
    const schema = object({ orderId: { type: 'string', format: 'uuid' }, items: { type: 'array', items: object({ quantity: count }) } });
    expect(breaks(schema, structuredClone(schema))).toEqual([]);
  });

  describe('properties', () => {
    it('adding a required property breaks; adding an optional one does not', () => {
      expect(breaks(object({ a: text }), object({ a: text, b: text }))).toEqual(['$.b: required property added']);
      expect(breaks(object({ a: text }), object({ a: text, b: text }, ['a']))).toEqual([]);
    });

    it('removing a property breaks, required or optional; keeping it does not', () => {
      expect(breaks(object({ a: text, b: text }), object({ a: text }))).toEqual(['$.b: property removed']);
      expect(breaks(object({ a: text, b: text }, ['a']), object({ a: text }))).toEqual(['$.b: property removed']);
      expect(breaks(object({ a: text, b: text }, ['a']), object({ a: text, b: text }, ['a']))).toEqual([]);
    });

    it('making an optional property required breaks; making a required one optional does not', () => {
      expect(breaks(object({ a: text, b: text }, ['a']), object({ a: text, b: text }))).toEqual([
        '$.b: optional property became required',
      ]);
      expect(breaks(object({ a: text, b: text }), object({ a: text, b: text }, ['a']))).toEqual([]);
    });

    it('closing an open object breaks; opening a closed one does not', () => {
      expect(breaks(object({ a: text }), { ...object({ a: text }), additionalProperties: false })).toEqual([
        '$: no longer accepts additional properties',
      ]);
      expect(breaks({ ...object({ a: text }), additionalProperties: false }, object({ a: text }))).toEqual([]);
    });

    it('reports nested paths through objects, arrays and records', () => {
      const order = (quantity: JsonSchema, country: JsonSchema, note: JsonSchema) =>
        object({
          items: { type: 'array', items: object({ quantity }) },
          shippingAddress: object({ country }),
          notes: { type: 'object', additionalProperties: note },
          'odd key': text,
        });
      const stricter = order({ ...count, minimum: 2 }, { ...text, pattern: '^[A-Z]{2}$' }, { type: 'number' });
      expect(breaks(order(count, text, text), stricter)).toEqual([
        '$.items[].quantity: minimum raised from >= 1 to >= 2',
        '$.shippingAddress.country: pattern "^[A-Z]{2}$" added',
        '$.notes.*: type changed from string to number',
      ]);
      const fewer = object({ items: { type: 'array', items: object({ quantity: count }) } }, ['items']);
      expect(breaks(order(count, text, text), fewer)).toContain('$["odd key"]: property removed');
    });
  });

  describe('types', () => {
    it('changing a type breaks, in either direction', () => {
      expect(breaks(object({ a: text }), object({ a: { type: 'number' } }))).toEqual(['$.a: type changed from string to number']);
      expect(breaks(object({ a: { type: 'number' } }), object({ a: text }))).toEqual(['$.a: type changed from number to string']);
    });

    it('integer to number widens; number to integer narrows', () => {
      expect(breaks({ type: 'integer' }, { type: 'number' })).toEqual([]);
      expect(breaks({ type: 'number' }, { type: 'integer' })).toEqual(['$: type changed from number to integer']);
    });

    it('allowing null widens; dropping null narrows', () => {
      expect(breaks(text, { type: ['string', 'null'] })).toEqual([]);
      expect(breaks({ type: ['string', 'null'] }, text)).toEqual(['$: type changed from string | null to string']);
    });

    it('giving an untyped value a type narrows; dropping a type widens', () => {
      expect(breaks({}, text)).toEqual(['$: type changed from any to string']);
      expect(breaks(text, {})).toEqual([]);
      expect(breaks(true, text)).toEqual(['$: type changed from any to string']);
    });
  });

  describe('narrowing and relaxing constraints', () => {
    it('removing enum values breaks; adding them does not', () => {
      const status = (values: string[]) => ({ type: 'string', enum: values });
      expect(breaks(status(['PENDING', 'SHIPPED']), status(['PENDING']))).toEqual(['$: no longer allows "SHIPPED"']);
      expect(breaks(status(['PENDING']), status(['PENDING', 'SHIPPED']))).toEqual([]);
    });

    it('restricting a free value to an enum or const breaks; freeing it does not', () => {
      expect(breaks(text, { ...text, enum: ['a'] })).toEqual(['$: now restricted to "a"']);
      expect(breaks({ ...text, const: 'a' }, { ...text, const: 'b' })).toEqual(['$: no longer allows "a"']);
      expect(breaks({ ...text, const: 'a' }, { ...text, enum: ['a', 'b'] })).toEqual([]);
      expect(breaks({ ...text, enum: ['a'] }, text)).toEqual([]);
    });

    it('a new or different format breaks; dropping it does not', () => {
      expect(breaks(text, { ...text, format: 'email' })).toEqual(['$: format "email" added']);
      expect(breaks({ ...text, format: 'uuid' }, { ...text, format: 'email' })).toEqual(['$: format changed from "uuid" to "email"']);
      expect(breaks({ ...text, format: 'email' }, text)).toEqual([]);
    });

    it('a new or different pattern breaks; dropping it does not', () => {
      expect(breaks(text, { ...text, pattern: '^a' })).toEqual(['$: pattern "^a" added']);
      expect(breaks({ ...text, pattern: '^a' }, { ...text, pattern: '^b' })).toEqual(['$: pattern changed from "^a" to "^b"']);
      expect(breaks({ ...text, pattern: '^a' }, text)).toEqual([]);
    });

    it('adding the storable-text pattern where there was none narrows nothing that PostgreSQL ever stored', () => {
      const storable = { ...text, pattern: STORABLE_TEXT.source };
      expect(breaks(text, storable)).toEqual([]);
      expect(breaks({ ...text, pattern: '^a' }, storable)).toEqual([`$: pattern changed from "^a" to ${JSON.stringify(STORABLE_TEXT.source)}`]);
    });

    it('raising a minimum breaks; lowering or dropping it does not', () => {
      expect(breaks({ type: 'number', minimum: 0 }, { type: 'number', minimum: 1 })).toEqual(['$: minimum raised from >= 0 to >= 1']);
      expect(breaks({ type: 'number' }, { type: 'number', minimum: 0 })).toEqual(['$: minimum raised from none to >= 0']);
      expect(breaks({ type: 'number', minimum: 0 }, { type: 'number', exclusiveMinimum: 0 })).toEqual([
        '$: minimum raised from >= 0 to > 0',
      ]);
      expect(breaks({ type: 'number', minimum: 1 }, { type: 'number', minimum: 0 })).toEqual([]);
      expect(breaks({ type: 'number', minimum: 1 }, { type: 'number' })).toEqual([]);
    });

    it('lowering a maximum breaks; raising it does not', () => {
      expect(breaks({ type: 'number', maximum: 10 }, { type: 'number', exclusiveMaximum: 10 })).toEqual([
        '$: maximum lowered from <= 10 to < 10',
      ]);
      expect(breaks({ type: 'number', maximum: 10 }, { type: 'number', maximum: 20 })).toEqual([]);
    });

    it('treats > 0 and >= 1 as the same rule for integers (zod .positive() vs .min(1))', () => {
      expect(breaks({ type: 'integer', exclusiveMinimum: 0 }, { type: 'integer', minimum: 1 })).toEqual([]);
      expect(breaks({ type: 'integer', minimum: 1 }, { type: 'integer', exclusiveMinimum: 0 })).toEqual([]);
      expect(breaks({ type: 'integer', minimum: 1 }, { type: 'integer', exclusiveMinimum: 1 })).toEqual([
        '$: minimum raised from >= 1 to >= 2',
      ]);
    });

    it('stricter lengths and item counts break; looser ones do not', () => {
      expect(breaks({ ...text, maxLength: 200 }, { ...text, minLength: 1, maxLength: 100 })).toEqual([
        '$: minLength raised from none to 1',
        '$: maxLength lowered from 200 to 100',
      ]);
      expect(breaks({ ...text, minLength: 1, maxLength: 100 }, { ...text, maxLength: 200 })).toEqual([]);
      expect(breaks({ type: 'array', minItems: 0 }, { type: 'array', minItems: 1, uniqueItems: true })).toEqual([
        '$: minItems raised from 0 to 1',
        '$: items must now be unique',
      ]);
      expect(breaks({ type: 'array', minItems: 1, maxItems: 5 }, { type: 'array' })).toEqual([]);
    });

    it('a multipleOf that old values may miss breaks; a divisor of the old one does not', () => {
      expect(breaks({ type: 'integer', multipleOf: 5 }, { type: 'integer', multipleOf: 10 })).toEqual([
        '$: multipleOf changed from 5 to 10',
      ]);
      expect(breaks({ type: 'integer', multipleOf: 10 }, { type: 'integer', multipleOf: 5 })).toEqual([]);
    });

    it('counts changes it cannot analyse as breaking', () => {
      expect(breaks(object({ a: text }), { ...object({ a: text }), dependentRequired: { a: ['b'] } })).toEqual([
        '$: keyword "dependentRequired" changed (not analysed, so counted as breaking)',
      ]);
    });
  });

  describe('unions', () => {
    const reply = (value: JsonSchema, codes: string[]) => ({
      oneOf: [
        object({ ok: { type: 'boolean', const: true }, value }),
        object({ ok: { type: 'boolean', const: false }, error: object({ code: { type: 'string', enum: codes } }) }),
      ],
    });

    it('pairs discriminated alternatives and names them in the path', () => {
      expect(breaks(reply(text, ['A', 'B']), reply(text, ['A']))).toEqual(['$[ok=false].error.code: no longer allows "B"']);
      expect(breaks(reply(text, ['A']), reply(text, ['A', 'B']))).toEqual([]);
      expect(breaks(reply(object({ id: text }), ['A']), reply(object({ id: text, more: text }), ['A']))).toEqual([
        '$[ok=true].value.more: required property added',
      ]);
    });

    it('removing an alternative breaks; adding one does not', () => {
      const [success, failure] = reply(text, ['A']).oneOf;
      expect(breaks({ oneOf: [success, failure] }, { oneOf: [success] })).toEqual(['$[ok=false]: alternative removed']);
      expect(breaks({ oneOf: [success] }, { oneOf: [success, failure] })).toEqual([]);
      expect(breaks(text, { anyOf: [text, { type: 'null' }] })).toEqual([]);
      expect(breaks({ anyOf: [text, { type: 'null' }] }, text)).toEqual(['$.anyOf[1]: type changed from null to string']);
    });
  });

  it('ignores documentation: titles, descriptions, examples', () => {
    const documented = { ...object({ a: { ...text, description: 'now documented', examples: ['x'] } }), title: 'T' };
    expect(breaks(object({ a: text }), documented)).toEqual([]);
  });

  it('follows local $refs', () => {
    const withRef = (definition: JsonSchema) => ({ $defs: { address: definition }, ...object({ to: { $ref: '#/$defs/address' } }) });
    expect(breaks(withRef(object({ city: text })), withRef(object({ city: text, zip: text })))).toEqual([
      '$.to.zip: required property added',
    ]);
    expect(breaks(withRef(object({ city: text })), object({ to: object({ city: text }) }))).toEqual([]);
  });

  it('works on what zod publishes: a new optional field is fine, a stricter rule is not', () => {
    const v1 = z.object({ orderId: z.uuid(), quantity: z.int().positive() });
    const published = toPublishedJsonSchema(v1, 'v1');
    expect(breaks(published, toPublishedJsonSchema(v1.extend({ note: z.string().optional() }), 'v1'))).toEqual([]);
    expect(breaks(published, toPublishedJsonSchema(v1.extend({ quantity: z.int().min(2) }), 'v1'))).toEqual([
      '$.quantity: minimum raised from >= 1 to >= 2',
    ]);
    expect(breaks(published, toPublishedJsonSchema(v1.extend({ orderId: z.string() }), 'v1'))).toEqual([]);
  });
});

describe('catalog compatibility', () => {
  const v1 = object({ a: text });

  it('removing a published schema breaks; adding one does not', () => {
    expect(findBreakingChangesInCatalog({ 'shop.x.y.v1': v1 }, {})).toEqual([
      { schema: 'shop.x.y.v1', path: '$', message: 'removed; published versions must stay' },
    ]);
    expect(findBreakingChangesInCatalog({ 'shop.x.y.v1': v1 }, { 'shop.x.y.v1': v1, 'shop.x.y.v2': text })).toEqual([]);
  });

  it('names the schema of each change', () => {
    const [change] = findBreakingChangesInCatalog({ 'shop.x.y.v1': v1 }, { 'shop.x.y.v1': object({ a: { type: 'number' } }) });
    expect(formatBreakingChange(change!)).toBe('shop.x.y.v1 $.a: type changed from string to number');
  });
});
