import { representationOf } from './catalog-snapshot.js';
import { noneMatchMatches } from './conditional-get.js';

describe('If-None-Match against an entity tag', () => {
  const { etag } = representationOf({ products: [] });

  it('matches the tag itself, its weak form, a list naming it, and *', () => {
    expect(noneMatchMatches(etag, etag)).toBe(true);
    expect(noneMatchMatches(`W/${etag}`, etag)).toBe(true);
    expect(noneMatchMatches(`"a", W/"b",${etag}`, etag)).toBe(true);
    expect(noneMatchMatches('*', etag)).toBe(true);
  });

  it('does not match another tag, the bare value without quotes, or no header', () => {
    expect(noneMatchMatches('"a", "b"', etag)).toBe(false);
    expect(noneMatchMatches(etag.slice(1, -1), etag)).toBe(false);
    expect(noneMatchMatches(undefined, etag)).toBe(false);
    expect(noneMatchMatches('', etag)).toBe(false);
  });

  it('tags by content: the same bytes the same strong tag (so replicas agree), other bytes another', () => {
    expect(representationOf({ products: [] }).etag).toBe(etag);
    expect(representationOf({ products: [{ sku: 'A' }] }).etag).not.toBe(etag);
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
  });
});
