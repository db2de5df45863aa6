import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import bodyParser from 'body-parser';
import { Problems } from '../problem/problem.js';
import { requestPath } from './request-path.js';
import { ROUTE_TABLE, type RouteTable } from './route-table.js';

/** Injection token of the largest request body the gateway reads, in bytes (GATEWAY_BODY_LIMIT_BYTES). */
export const BODY_LIMIT_BYTES = Symbol('BODY_LIMIT_BYTES');

/**
 * The default of GATEWAY_BODY_LIMIT_BYTES: well above the largest valid order
 * (100 lines, every field at its longest, every character \u-escaped: about
 * 90 KB, see the spec), far below what could hurt the gateway.
 */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/** The methods whose content means something (RFC 9110 §9.3): the body of a GET or DELETE is left unread. */
const CONTENT_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/** The one media type the API takes (as its OpenAPI document says). */
const JSON_MEDIA_TYPE = 'application/json';

/**
 * Reads a JSON request body, as the app's only body parser (Nest's own is off,
 * see gateway-app-options.ts) so that it runs inside the request's trace: a body
 * over the limit is a 413, one in another media type or encoding a 415, bytes
 * that are not UTF-8 (which a decoder would silently turn into U+FFFD) or text
 * that is not JSON a 400 naming the body; each a problem+json with X-Trace-Id.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: ReturnType<typeof bodyParser.json>;

  constructor(
    @Inject(BODY_LIMIT_BYTES) private readonly limitBytes: number,
    @Inject(ROUTE_TABLE) private readonly routes: RouteTable,
  ) {
    this.parse = bodyParser.json({
      limit: limitBytes,
      // Checked below, so that no body is ever skipped unread.
      type: () => true,
      // Compressed bodies would need their own limit on what they inflate to.
      inflate: false,
      // Any JSON text: a body that is not an object is then refused by validation, which names it.
      strict: false,
      verify: refuseNonUtf8,
    });
  }

  use(request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void {
    // Unknown paths are 404s, whatever they carry (unknown methods are 405s before this runs).
    if (!hasBody(request) || !CONTENT_METHODS.has(request.method ?? '') || !this.routes.methodsAt(requestPath(request))) return next();
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (mediaType !== JSON_MEDIA_TYPE) {
      return next(Problems.unsupportedMediaType(`The body must be ${JSON_MEDIA_TYPE}, not ${mediaType || 'of no stated type'}.`));
    }
    this.parse(request, response, (error?: unknown) => {
      const { type, status, message } = (error ?? {}) as { type?: string; status?: number; message?: string };
      if (type === 'entity.too.large') return next(Problems.payloadTooLarge(this.limitBytes));
      // Not JSON, or not UTF-8: a bad field like any other, the body itself.
      if (status === 400 && (type === 'entity.parse.failed' || type === 'entity.verify.failed')) {
        return next(Problems.invalid([{ field: 'body', message: message ?? 'not JSON' }]));
      }
      // Anything else body-parser refuses carries its 4xx status (http-errors), answered as that problem.
      next(error);
    });
  }
}

/** Whether the request carries a body at all, as HTTP/1.1 frames one (RFC 9112 §6.3). */
function hasBody(request: IncomingMessage): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** JSON is UTF-8 (RFC 8259 §8.1): other bytes, or another declared charset, would not reach the services as sent. */
function refuseNonUtf8(_request: IncomingMessage, _response: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding !== 'utf-8') throw Object.assign(new Error(`The body must be UTF-8, not ${encoding}.`), { status: 415 });
  if (!isUtf8(body)) throw Object.assign(new Error('The body is not valid UTF-8.'), { status: 400 });
}
