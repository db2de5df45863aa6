import { isSpanContextValid, trace } from '@opentelemetry/api';

/** `{ traceId, spanId }` of the active span, for log lines; empty outside any span. */
export function activeTraceFields(): { traceId?: string; spanId?: string } {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { traceId: spanContext.traceId, spanId: spanContext.spanId };
}
