import { MAX_REASON_LENGTH } from './status-reason.js';
import { stockRefusalReason } from './stock-refusal-reason.js';

describe('stockRefusalReason', () => {
  it('names each shortage and unknown sku', () => {
    const reason = stockRefusalReason({
      shortages: [
        { sku: 'MUG-01', requested: 3, available: 1 },
        { sku: 'TEE-02', requested: 2, available: 0 },
      ],
      unknownSkus: ['FOO-9'],
    });
    expect(reason).toBe('not enough stock: MUG-01 (requested 3, available 1), TEE-02 (requested 2, available 0); unknown skus: FOO-9');
  });

  it('says only what applies', () => {
    expect(stockRefusalReason({ shortages: [], unknownSkus: ['A', 'B'] })).toBe('unknown skus: A, B');
    expect(stockRefusalReason({ shortages: [{ sku: 'A', requested: 2, available: 1 }], unknownSkus: [] })).toBe(
      'not enough stock: A (requested 2, available 1)',
    );
  });

  it('fits the contracts limit however many lines were refused', () => {
    const shortages = Array.from({ length: 100 }, (_, i) => ({ sku: `SKU-${i}`, requested: 10, available: 1 }));
    const reason = stockRefusalReason({ shortages, unknownSkus: [] });
    expect(reason).toHaveLength(MAX_REASON_LENGTH);
    expect(reason.endsWith('…')).toBe(true);
  });
});
