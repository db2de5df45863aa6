import { randomBytes } from 'node:crypto';
import { isSpanContextValid, type Span } from '@opentelemetry/api';
import { z } from 'zod';

/** The response header naming the request's trace, to find it in Jaeger or the logs. */
export const TRACE_ID_HEADER = 'X-Trace-Id';

/** A W3C trace id as the gateway names it: in `X-Trace-Id`, in 202 bodies and in problems. */
export const traceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/)
  .describe('The trace of this request (W3C trace id): find it in Jaeger or the logs.');

/** The span's trace id; a random one (still worth quoting) when tracing is off. */
export function traceIdOfSpan(span: Span): string {
  const spanContext = span.spanContext();
  return isSpanContextValid(spanContext) ? spanContext.traceId : randomBytes(16).toString('hex');
}

/** The trace id TraceMiddleware gave this response. */
export function traceIdOf(response: { getHeader(name: string): unknown }): string | undefined {
  const value = response.getHeader(TRACE_ID_HEADER);
  return typeof value === 'string' ? value : undefined;
}
