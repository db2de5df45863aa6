import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { z } from 'zod';
import { characterCount, nonEmptyText, STORABLE_TEXT } from './text.js';

/** Any string at all: any code point, and any UTF-16 unit alone (so lone surrogates), U+0000 included. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 }).map((units) => String.fromCharCode(...units)),
);

describe('nonEmptyText', () => {
  const schema = nonEmptyText(5);

  it('refuses U+0000 and unpaired surrogates, saying they cannot be stored', () => {
    for (const text of ['a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800']) {
      expect(schema.safeParse(text).error?.issues.map((issue) => issue.message)).toEqual([expect.stringMatching(/cannot be stored/)]);
    }
    expect(schema.safeParse('é😀\u200b').success).toBe(true);
  });

  it('counts characters as JSON Schema does: an emoji is one', () => {
    expect(characterCount('😀😀')).toBe(2);
    expect(schema.safeParse('😀'.repeat(5)).success).toBe(true);
    expect(schema.safeParse('😀'.repeat(6)).error?.issues.map((issue) => issue.message)).toEqual(['Too big: expected at most 5 characters']);
    expect(schema.safeParse('').success).toBe(false);
  });

  it('accepts exactly what its JSON Schema accepts (Ajv, as OpenAPI 3.1 tools read it)', () => {
    const validate = new Ajv2020({ strict: true }).compile(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }));
    expect(z.toJSONSchema(schema)).toMatchObject({ minLength: 1, maxLength: 5, pattern: STORABLE_TEXT.source });
    fc.assert(
      fc.property(anyString, (text) => {
        expect(schema.safeParse(text).success).toBe(validate(text));
      }),
      { numRuns: 5_000 },
    );
  });
});
