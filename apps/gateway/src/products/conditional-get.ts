import type { ServerResponse } from 'node:http';
import type { CacheOutcome } from './catalog-cache.js';
import type { Representation } from './catalog-snapshot.js';
import { noneMatchMatches } from '../http/entity-tags.js';

/**
 * `no-cache`: a client (or a shared cache) may keep the answer but must ask
 * again before each use, sending its ETag in `If-None-Match`, and gets a 304
 * without a body while the catalog is unchanged. Not a `max-age`: stock moves
 * with every order, and the gateway can invalidate its own copy when an event
 * says so, but never a copy in a browser or a proxy.
 */
export const CATALOG_CACHE_CONTROL = 'no-cache';

/** Says how the gateway answered: `hit` from its cache, `miss` asked the inventory and kept it, `bypass` asked it without keeping it. */
export const CACHE_STATUS_HEADER = 'X-Cache';

/**
 * Answers a GET with a representation: 304 with no body when `If-None-Match`
 * names its tag, else 200 with the JSON; either way its `ETag`,
 * `Cache-Control` and `X-Cache`. Written on Node's response, so Express's
 * own (weak) ETag and freshness check stay out of it.
 */
export function answerConditionally(
  response: ServerResponse,
  representation: Representation,
  outcome: CacheOutcome,
  ifNoneMatch: string | undefined,
): void {
  response.setHeader('ETag', representation.etag);
  response.setHeader('Cache-Control', CATALOG_CACHE_CONTROL);
  response.setHeader(CACHE_STATUS_HEADER, outcome);
  if (noneMatchMatches(ifNoneMatch, representation.etag)) {
    response.statusCode = 304;
    response.end();
    return;
  }
  response.statusCode = 200;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', representation.body.length);
  response.end(representation.body);
}
