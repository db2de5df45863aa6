import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { contextFromTraceHeaders, withSpan } from '@shop/runtime';
import { TRACE_ID_HEADER, traceIdOfSpan } from './trace-id.js';

type RoutedRequest = IncomingMessage & { route?: { path?: string } };

/**
 * Runs each HTTP request in a SERVER span (continuing the caller's `traceparent`,
 * if any), so the calls it makes over Kafka and the services' work join one
 * trace, and names that trace in the `X-Trace-Id` response header.
 */
@Injectable()
export class TraceMiddleware implements NestMiddleware {
  use(request: RoutedRequest, response: ServerResponse, next: () => void): void {
    const method = request.method ?? 'GET';
    void withSpan(
      method,
      {
        kind: SpanKind.SERVER,
        parent: contextFromTraceHeaders(request.headers),
        attributes: { 'http.request.method': method, 'url.path': request.url?.split('?')[0] ?? '/' },
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
