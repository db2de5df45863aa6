import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { SpanKind } from '@opentelemetry/api';
import { withSpan } from '@shop/runtime';
import { PROBLEM_CONTENT_TYPE } from '../problem/problem.filter.js';
import { TRACE_ID_HEADER, traceIdOfSpan } from '../tracing/trace-id.js';

/** The status of a request Node's HTTP parser refused before any of the app saw it. */
function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/**
 * Answers what Node's HTTP parser refuses (headers over its 16 KB, a request
 * line or header it cannot parse, a request too slow to arrive) as every other
 * error is answered: a problem+json with X-Trace-Id, in a span of its own.
 * Without it Node writes a bare "400 Bad Request" (or 431) with neither.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A connection the client already dropped, or one being answered: nothing to say.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = statusOf(error.code);
  void withSpan(`HTTP ${status}`, { kind: SpanKind.SERVER, attributes: { 'http.response.status_code': status, 'error.type': error.code ?? 'unknown' } }, async (span) => {
    const traceId = traceIdOfSpan(span);
    const title = STATUS_CODES[status]!;
    const body = JSON.stringify({ type: 'about:blank', title, status, detail: `The request could not be read (${error.code ?? error.message}).`, traceId });
    const head = [`HTTP/1.1 ${status} ${title}`, `Content-Type: ${PROBLEM_CONTENT_TYPE}`, `Content-Length: ${Buffer.byteLength(body)}`, `${TRACE_ID_HEADER}: ${traceId}`, 'Connection: close'];
    socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
  });
}

/** Puts answerClientError on the app's HTTP server. */
@Injectable()
export class ClientErrorAnswer implements OnApplicationBootstrap {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onApplicationBootstrap(): void {
    this.adapterHost.httpAdapter.getHttpServer().on('clientError', answerClientError);
  }
}
