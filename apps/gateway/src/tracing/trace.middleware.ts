import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import { type Context, ROOT_CONTEXT, SpanKind, SpanStatusCode, TraceFlags, trace } from '@opentelemetry/api';
import { HealthController, contextFromTraceHeaders, withSpan } from '@shop/runtime';
import { requestPath } from '../http/request-path.js';
import { ROUTE_TABLE, type RouteTable } from '../http/route-table.js';
import { routesOf } from '../openapi/routes.js';
import { TRACE_ID_HEADER, traceIdOfSpan } from './trace-id.js';

type RoutedRequest = IncomingMessage & { route?: { path?: string } };

/** The health probes' paths: polled every few seconds, so their traces are never kept. */
const PROBE_PATHS = new Set(routesOf(HealthController).map((route) => route.split(' ')[1]!));

/**
 * Runs each HTTP request in a SERVER span (continuing the caller's `traceparent`,
 * if any), so the calls it makes over Kafka and the services' work join one
 * trace, and names that trace in the `X-Trace-Id` response header. It is the
 * first thing every request meets, before the body is read and before routing,
 * so every answer carries the header: a 400 for a body that is not JSON, a 404,
 * 405 or 413 too. Health probes get a trace id that is never sampled.
 */
@Injectable()
export class TraceMiddleware implements NestMiddleware {
  constructor(@Inject(ROUTE_TABLE) private readonly routes: RouteTable) {}

  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const method = request.method ?? 'GET';
    const path = requestPath(request);
    const isProbe = this.routes.templatesOf(path).some((template) => PROBE_PATHS.has(template));
    void withSpan(
      method,
      {
        kind: SpanKind.SERVER,
        parent: isProbe ? unsampledRoot() : contextFromTraceHeaders(request.headers),
        attributes: { 'http.request.method': method, 'url.path': path },
      },
      (span) =>
        new Promise<void>((resolve) => {
          response.setHeader(TRACE_ID_HEADER, traceIdOfSpan(span));
          response.once('close', () => {
            // Low-cardinality name once the route is known: "GET /orders/:id".
            if (request.route?.path) span.updateName(`${method} ${request.route.path}`).setAttribute('http.route', request.route.path);
            span.setAttribute('http.response.status_code', response.statusCode);
            if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
            resolve();
          });
          next();
        }),
    );
  }
}

/** A new trace that the parent-based sampler drops: its id names the request in logs, and nothing goes to Jaeger. */
function unsampledRoot(): Context {
  const spanContext = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex'), traceFlags: TraceFlags.NONE, isRemote: true };
  return trace.setSpanContext(ROOT_CONTEXT, spanContext);
}
