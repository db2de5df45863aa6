import { mergeItemsBySku } from './merged-items.js';

describe('mergeItemsBySku', () => {
  it('adds the quantities of a sku, keeping the order of first appearance', () => {
    expect(
      mergeItemsBySku([
        { sku: 'MUG', quantity: 1 },
        { sku: 'TEE', quantity: 2 },
        { sku: 'MUG', quantity: 3 },
      ]),
    ).toEqual([
      { sku: 'MUG', quantity: 4 },
      { sku: 'TEE', quantity: 2 },
    ]);
  });

  it('leaves distinct lines as they are, and tells skus apart exactly (case, Unicode form)', () => {
    const items = [{ sku: 'mug', quantity: 1 }, { sku: 'MUG', quantity: 1 }, { sku: 'e\u0301', quantity: 1 }, { sku: '\u00e9', quantity: 1 }];
    expect(mergeItemsBySku(items)).toEqual(items);
  });
});
