import fc from 'fast-check';
import { credentialsFor, type FuzzTarget } from './credentials.js';
import type { DocumentValidator } from './document-validator.js';
import type { OpenApiParameter, Operation } from './openapi-types.js';
import { decodeSegment, encodeSegment, isSendableSegment } from './path-segments.js';
import type { SchemaArbitraries } from './schema-arbitraries.js';

/**
 * One generated request:
 * - `operation`: a documented operation with generated parameters, headers and
 *   body, allowed by the document or not (`violations` says where not);
 * - `body-fault`: a documented operation whose body cannot be read (not JSON,
 *   not UTF-8, another media type or encoding, over the limit);
 * - `unknown-method`: a documented path with a method it does not take;
 * - `unknown-path`: a path the document does not have.
 */
export interface FuzzRequest {
  kind: 'operation' | 'body-fault' | 'unknown-method' | 'unknown-path';
  target: FuzzTarget;
  operation?: Operation;
  method: string;
  /** As sent: percent-encoded, maybe with a query string. */
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Where the inputs break the document: body paths (`items.0.sku`, `body`), `id`, `Idempotency-Key`. Empty: allowed. */
  violations: string[];
  /** The status a body fault or a path must get. */
  expectedStatus?: number;
  /** The methods an `unknown-method` request must be told are allowed. */
  expectedAllow?: string;
  /** What this request could write, for the check that a refused one wrote nothing. */
  writes?: { placeOrder: { idempotencyKey: string } } | { cancelOrder: { orderId: string } };
}

/** What the run knows while it generates: its id, the orders it placed, the product it stocked. */
export interface FuzzContext {
  runId: string;
  orderIds: string[];
  sku: string;
  bodyLimitBytes: number;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Methods fetch can send and Node's parser knows, beyond the document's own. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PURGE', 'PROPFIND', 'SEARCH', 'LOCK', 'MKCOL', 'COPY', 'REPORT'];

/** Raw path segments that are not plain percent-encoded UTF-8, or decode to something odd. */
const RAW_SEGMENTS = ['%ZZ', '%', '%C3', '%ED%A0%80', '%C0%AF', '%00', '%2F', '%25', '%F0%9F%98%80', '%20', '+', '~', '*', "'"];

const QUERIES = ['', '', '', '', '?x=1', '?id=%00', '?__proto__[a]=1&a=1&a=2', `?${'q'.repeat(2000)}`, '?%ZZ'];

export class FuzzRequests {
  private keys = 0;

  constructor(
    private readonly operations: readonly Operation[],
    private readonly schemas: SchemaArbitraries,
    private readonly validator: DocumentValidator,
    private readonly context: FuzzContext,
  ) {}

  /** Every kind of request, over every operation, in proportions that keep the run mostly on the documented operations. */
  all(): fc.Arbitrary<FuzzRequest> {
    const withBody = this.operations.filter((operation) => operation.body);
    return fc.oneof(
      { weight: 78, arbitrary: fc.oneof(...this.operations.map((operation) => ({ weight: weightOf(operation), arbitrary: this.operation(operation) }))) },
      { weight: 8, arbitrary: fc.oneof(...withBody.map((operation) => this.bodyFault(operation))) },
      { weight: 9, arbitrary: this.unknownMethod() },
      { weight: 5, arbitrary: this.unknownPath() },
    );
  }

  /** A documented operation with generated inputs, allowed or not. */
  operation(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
    const headerParameters = operation.parameters.filter((parameter) => parameter.in === 'header');
    return fc
      .record({
        segments: fc.tuple(...pathParameters.map((parameter) => this.pathValue(parameter))),
        headers: fc.tuple(...headerParameters.map((parameter) => this.headerValue(parameter))),
        body: operation.body ? this.bodyValue(operation) : fc.constant({ value: undefined, violations: [] }),
        method: operation.method === 'GET' ? fc.constantFrom('GET', 'GET', 'GET', 'HEAD') : fc.constant(operation.method),
        query: fc.constantFrom(...QUERIES),
      })
      .map(({ segments, headers, body, method, query }): FuzzRequest => {
        const violations: string[] = [];
        let path = operation.path;
        pathParameters.forEach((parameter, index) => {
          const raw = segments[index]!;
          path = path.replace(`{${parameter.name}}`, raw);
          const decoded = decodeSegment(raw);
          if (decoded === undefined || this.validator.violations(parameter.schema, decoded).length > 0) violations.push(parameter.name);
        });
        const sentHeaders: Record<string, string> = { ...credentialsFor(targetOf(operation)) };
        headerParameters.forEach((parameter, index) => {
          const value = headers[index];
          if (value !== undefined) sentHeaders[parameter.name] = value;
          if (value === undefined ? parameter.required : this.validator.violations(parameter.schema, value).length > 0) violations.push(parameter.name);
        });
        if (body.value !== undefined) Object.assign(sentHeaders, JSON_HEADERS);
        violations.push(...body.violations);
        return {
          kind: 'operation',
          target: targetOf(operation),
          operation,
          method,
          path: path + query,
          headers: sentHeaders,
          ...(body.value !== undefined && { body: JSON.stringify(body.value) }),
          violations,
          ...this.writesOf(operation, segments, sentHeaders),
        };
      });
  }

  /** A body the gateway cannot read, with everything else right: the status it must get. */
  bodyFault(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const limit = this.context.bodyLimitBytes;
    const json = '{"reason":"x","customerId":"x"}';
    const utf8 = (text: string) => new TextEncoder().encode(text);
    const notUtf8 = fc.constantFrom([0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]).map((bytes) =>
      Uint8Array.from([...utf8('{"reason":"'), ...bytes, ...utf8('"}')]),
    );
    const fault = fc.oneof(
      fc.constantFrom('{', 'nope', '{"a":', '[1,', '{"a":1}x', "{'a':1}", 'null', '"x"', '1', '\u0000').map((body) => ({ body, headers: JSON_HEADERS, status: 400 })),
      notUtf8.map((body) => ({ body, headers: JSON_HEADERS, status: 400 })),
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/merge-patch+json')
        .map((type) => ({ body: json, headers: { 'content-type': type }, status: 415 })),
      // A body of bytes with no Content-Type at all.
      fc.constant({ body: utf8(json), headers: {}, status: 415 }),
      fc.constantFrom('latin1', 'utf-16', 'ascii').map((charset) => ({ body: json, headers: { 'content-type': `application/json; charset=${charset}` }, status: 415 })),
      fc.constantFrom('gzip', 'deflate', 'br').map((encoding) => ({ body: json, headers: { ...JSON_HEADERS, 'content-encoding': encoding }, status: 415 })),
      fc.constantFrom(limit + 1, limit * 2, 4 * 1024 * 1024).map((size) => ({
        body: `{"customerId":"${'x'.repeat(size)}"}`,
        headers: JSON_HEADERS,
        status: 413,
      })),
    );
    return fault.map(({ body, headers, status }) => ({
      kind: 'body-fault' as const,
      target: targetOf(operation),
      operation,
      method: operation.method,
      path: this.validPath(operation),
      headers: { ...credentialsFor(targetOf(operation)), ...this.validHeaders(operation), ...headers },
      body,
      violations: [],
      expectedStatus: status,
    }));
  }

  /** A documented path with a method it does not take: 405, told which it takes. */
  unknownMethod(): fc.Arbitrary<FuzzRequest> {
    const byPath = new Map<string, { operation: Operation; allowed: string[] }>();
    for (const operation of this.operations) {
      const { allowed } = byPath.get(operation.path) ?? { allowed: [] };
      byPath.set(operation.path, { operation, allowed: [...allowed, operation.method, ...(operation.method === 'GET' ? ['HEAD'] : [])] });
    }
    const cases = [...byPath.values()].flatMap(({ operation, allowed }) =>
      METHODS.filter((method) => !allowed.includes(method)).map((method) => ({ operation, path: operation.path, method, allowed })),
    );
    return fc.constantFrom(...cases).chain(({ operation, path, method, allowed }) =>
      // fetch sends no body with GET or HEAD.
      (['GET', 'HEAD'].includes(method) ? fc.constant(undefined) : fc.option(fc.constantFrom('{}', 'x'.repeat(1000)), { nil: undefined })).map(
        (body): FuzzRequest => ({
          kind: 'unknown-method',
          target: { method, path },
          method,
          path: this.validPath(operation),
          headers: { ...credentialsFor({ method, path }), ...(body !== undefined && JSON_HEADERS) },
          ...(body !== undefined && { body }),
          violations: [],
          expectedStatus: 405,
          expectedAllow: [...allowed].sort().join(', '),
        }),
      ),
    );
  }

  /** A path the document does not have, whatever the method: 404. */
  unknownPath(): fc.Arbitrary<FuzzRequest> {
    const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
    const known = [
      '/nope', '/orders/x/y/z', `/orders/${orderId}/cancel/now`, `/orders/${orderId}/items`, '/customers/ada', '/customers/ada/orders/1',
      '/products/MUG-CERAMIC-350/reviews', '/health/ready', '/openapi.yaml', '/docs/x', '//orders', '/.env', '/%2e%2e/etc/passwd', '/orders//cancel',
    ];
    const invented = fc
      // Not only dots: a client (fetch too) resolves "." and ".." segments away before sending, to a path that may exist.
      .array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,12}$/).filter((segment) => !/^\.+$/.test(segment)), { minLength: 1, maxLength: 4 })
      .map((segments) => `/fuzz-${segments.map(encodeSegment).join('/')}`);
    return fc
      .record({ path: fc.oneof(fc.constantFrom(...known), invented), method: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'HEAD') })
      .map(({ path, method }) => ({
        kind: 'unknown-path' as const,
        target: { method, path },
        method,
        path,
        headers: credentialsFor({ method, path }),
        violations: [],
        expectedStatus: 404,
      }));
  }

  /** A path parameter: allowed by its schema or not, an order of this run, or raw bytes that are not percent-encoded UTF-8. */
  private pathValue(parameter: OpenApiParameter): fc.Arbitrary<string> {
    const asSegment = (value: unknown) => encodeSegment(typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));
    const known = fc.nat().map((index) => this.context.orderIds[index % Math.max(this.context.orderIds.length, 1)] ?? '00000000-0000-0000-0000-000000000000');
    return fc
      .oneof(
        { weight: 4, arbitrary: this.schemas.valid(parameter.schema).map(asSegment) },
        { weight: parameter.schema.format === 'uuid' ? 3 : 0, arbitrary: known },
        { weight: 2, arbitrary: this.schemas.invalid(parameter.schema).map(asSegment) },
        { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
      )
      .filter(isSendableSegment);
  }

  /**
   * A header parameter (the Idempotency-Key): a key of this run (so what it
   * wrote can be found), at its longest or one too long, empty, or absent.
   * Visible ASCII only: header values are bytes, and HTTP trims the spaces around them.
   */
  private headerValue(parameter: OpenApiParameter): fc.Arbitrary<string | undefined> {
    const max = typeof parameter.schema.maxLength === 'number' ? parameter.schema.maxLength : 255;
    const key = fc.nat().map(() => `fuzz-${this.context.runId}-${(this.keys += 1)}`);
    const suffix = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code)), maxLength: 40 });
    return fc.oneof(
      { weight: 6, arbitrary: fc.tuple(key, suffix).map(([value, more]) => (value + more).slice(0, max)) },
      { weight: 1, arbitrary: key.map((value) => value.padEnd(max, 'k')) },
      { weight: 1, arbitrary: key.map((value) => value.padEnd(max + 1, 'k')) },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: fc.constant(undefined) },
    );
  }

  /** A body: allowed by the schema or not, or none; where it breaks the schema. */
  private bodyValue(operation: Operation): fc.Arbitrary<{ value: unknown; violations: string[] }> {
    const { schema, required } = operation.body!;
    // Now and then a valid order asks for the run's own product, so some are reserved, confirmed, shipped or cancelled.
    const valid = fc.tuple(this.schemas.valid(schema), fc.nat({ max: 3 })).map(([value, roll]) => (roll === 0 ? this.withOwnSku(value) : value));
    return fc
      .oneof(
        { weight: 2, arbitrary: valid },
        { weight: 3, arbitrary: this.schemas.invalid(schema) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .map((value) => ({
        value,
        violations: value === undefined ? (required ? ['body'] : []) : this.validator.violations(schema, value),
      }));
  }

  /** An order body whose first line asks for the run's own product (a copy: fast-check may reuse the value). */
  private withOwnSku(value: unknown): unknown {
    const items = (value as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || typeof items[0] !== 'object' || items[0] === null) return value;
    return { ...(value as object), items: [{ ...(items[0] as object), sku: this.context.sku }, ...items.slice(1)] };
  }

  private writesOf(operation: Operation, segments: string[], headers: Record<string, string>): Pick<FuzzRequest, 'writes'> {
    if (operation.operationId === 'placeOrder' && headers['Idempotency-Key'] !== undefined) {
      return { writes: { placeOrder: { idempotencyKey: headers['Idempotency-Key'] } } };
    }
    const orderId = decodeSegment(segments[0] ?? '');
    if (operation.operationId === 'cancelOrder' && orderId !== undefined) return { writes: { cancelOrder: { orderId } } };
    return {};
  }

  /** The path of an operation with each parameter at the document's own example. */
  private validPath(operation: Operation): string {
    return operation.parameters
      .filter((parameter) => parameter.in === 'path')
      .reduce((path, parameter) => path.replace(`{${parameter.name}}`, encodeSegment(String(parameter.example))), operation.path);
  }

  private validHeaders(operation: Operation): Record<string, string> {
    return operation.parameters.some((parameter) => parameter.in === 'header')
      ? { 'Idempotency-Key': `fuzz-${this.context.runId}-fault-${(this.keys += 1)}` }
      : {};
  }
}

function targetOf(operation: Operation): FuzzTarget {
  return { method: operation.method, path: operation.path, operationId: operation.operationId };
}

/** Writes and the calls behind them get more runs than the documents and probes. */
function weightOf(operation: Operation): number {
  if (operation.body) return operation.operationId === 'placeOrder' ? 6 : 4;
  return operation.parameters.length > 0 ? 3 : 1;
}
