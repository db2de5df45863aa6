/**
 * Whether `If-None-Match` names this entity tag (RFC 9110 13.1.2: `*`, or a
 * list compared weakly, so `W/"x"` matches `"x"`).
 */
export function noneMatchMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const wanted = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === wanted;
  });
}
