import { STORABLE_TEXT } from '@shop/event-contracts';
import fc from 'fast-check';
import { DocumentValidator } from './document-validator.js';
import type { JsonSchema, OpenApiDocument } from './openapi-types.js';
import { SchemaArbitraries } from './schema-arbitraries.js';

/** A document with every keyword the gateway's uses. */
const document: OpenApiDocument = {
  paths: {},
  components: {
    parameters: {},
    responses: {},
    schemas: {
      Line: {
        type: 'object',
        properties: {
          sku: { type: 'string', minLength: 1, maxLength: 8, pattern: STORABLE_TEXT.source },
          quantity: { type: 'integer', exclusiveMinimum: 0, maximum: 10 },
        },
        required: ['sku', 'quantity'],
      },
      Body: {
        type: 'object',
        properties: {
          country: { type: 'string', pattern: '^[A-Z]{2}$' },
          lines: { type: 'array', minItems: 1, maxItems: 3, items: { $ref: '#/components/schemas/Line' } },
          status: { type: 'string', enum: ['A', 'B'] },
          note: { type: 'string', minLength: 1, maxLength: 5, pattern: STORABLE_TEXT.source },
        },
        required: ['country', 'lines'],
      },
    },
  },
};

describe('SchemaArbitraries', () => {
  const arbitraries = new SchemaArbitraries(document);
  const validator = new DocumentValidator(document);
  const body: JsonSchema = { $ref: '#/components/schemas/Body' };

  it('makes values the schema allows, at its bounds too', () => {
    fc.assert(
      fc.property(arbitraries.valid(body), (value) => {
        expect(validator.violations(body, JSON.parse(JSON.stringify(value)))).toEqual([]);
      }),
      { numRuns: 2_000 },
    );
    const lengths = fc.sample(arbitraries.valid({ $ref: '#/components/schemas/Line' }), 2_000).map((line) => [...(line as { sku: string }).sku].length);
    expect(new Set(lengths)).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('makes values the schema refuses, each named by the validator', () => {
    fc.assert(
      fc.property(arbitraries.invalid(body), (value) => {
        expect(validator.violations(body, JSON.parse(JSON.stringify(value)))).not.toEqual([]);
      }),
      { numRuns: 2_000 },
    );
  });

  it('names where a value breaks the schema as body paths', () => {
    const value = { country: 'de', lines: [{ sku: 'a', quantity: 1 }, { sku: 'b\u0000' }] };
    expect(validator.violations(body, value).sort()).toEqual(['country', 'lines.1.quantity', 'lines.1.sku']);
    expect(validator.violations(body, 'x')).toEqual(['body']);
  });
});
