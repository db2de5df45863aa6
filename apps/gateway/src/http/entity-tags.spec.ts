import { noneMatchMatches } from './entity-tags.js';

describe('If-None-Match against an entity tag', () => {
  const etag = '"t_CNRAfxC84qRrilBXGCP3I7vDKWmKbt3VPpaTnSXy0"';

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
});
