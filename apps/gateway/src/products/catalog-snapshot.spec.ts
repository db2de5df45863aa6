import { representationOf } from './catalog-snapshot.js';

describe('the catalog representation', () => {
  const { etag } = representationOf({ products: [] });

  it('tags by content: the same bytes the same strong tag (so replicas agree), other bytes another', () => {
    expect(representationOf({ products: [] }).etag).toBe(etag);
    expect(representationOf({ products: [{ sku: 'A' }] }).etag).not.toBe(etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });
});
