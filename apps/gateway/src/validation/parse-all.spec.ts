import { safeParseWith } from '@shop/event-contracts';
import { z } from 'zod';
import { parseAll } from './parse-all.js';

describe('parseAll', () => {
  const sku = z.string().min(1);
  const body = z.object({ quantity: z.int().min(1) });

  it('gives every part’s data by name', () => {
    expect(parseAll({ sku: { result: safeParseWith(sku, 'MUG'), as: 'sku' }, body: { result: safeParseWith(body, { quantity: 2 }) } })).toEqual({
      success: true,
      data: { sku: 'MUG', body: { quantity: 2 } },
    });
  });

  it('names every issue of every part at once, a path parameter’s after the parameter', () => {
    const result = parseAll({ sku: { result: safeParseWith(sku, ''), as: 'sku' }, body: { result: safeParseWith(body, { quantity: 0 }) } });
    expect(result).toMatchObject({ success: false, issues: [{ path: 'sku' }, { path: 'quantity' }] });
    expect(result.success ? '' : result.error).toMatch(/^sku: .*; quantity: /);
  });
});
