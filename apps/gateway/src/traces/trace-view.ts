import type { JaegerKeyValue, JaegerSpan, JaegerTrace } from './jaeger-trace.js';
import type { TraceAttribute, TraceSpan, TraceView } from './trace-view.schema.js';

/**
 * Tags Jaeger writes from an OpenTelemetry span's kind and status (its OTLP
 * translator): read into `kind`, `error` and `errorMessage`, and kept among
 * the attributes too, as Jaeger shows them.
 */
const KIND_TAG = 'span.kind';
const STATUS_CODE_TAG = 'otel.status_code';
const STATUS_DESCRIPTION_TAG = 'otel.status_description';
const ERROR_TAG = 'error';
/** The log field naming an event; an exception's is `exception` with `exception.message`. */
const EVENT_FIELD = 'event';
const EXCEPTION_MESSAGE_FIELD = 'exception.message';

/** A trace of Jaeger's query API as the trace view draws it (see TraceView). */
export function traceViewOf(trace: JaegerTrace): TraceView {
  const traceStart = Math.min(...trace.spans.map((span) => span.startTime));
  const traceEnd = Math.max(...trace.spans.map((span) => span.startTime + span.duration));
  const spans = trace.spans
    .map((span) => spanOf(span, trace, traceStart))
    .sort((a, b) => a.startUs - b.startUs || a.spanId.localeCompare(b.spanId));
  const services = new Map<string, { name: string; spanCount: number; errorCount: number }>();
  for (const span of spans) {
    const service = services.get(span.service) ?? services.set(span.service, { name: span.service, spanCount: 0, errorCount: 0 }).get(span.service)!;
    service.spanCount += 1;
    if (span.error) service.errorCount += 1;
  }
  return {
    traceId: trace.traceID,
    startTime: new Date(traceStart / 1_000).toISOString(),
    durationUs: Math.round(traceEnd - traceStart),
    services: [...services.values()],
    spans,
    warnings: [...(trace.warnings ?? []), ...trace.spans.flatMap((span) => span.warnings ?? [])],
  };
}

function spanOf(span: JaegerSpan, trace: JaegerTrace, traceStart: number): TraceSpan {
  const tags = span.tags ?? [];
  const tag = (key: string) => tags.find((candidate) => candidate.key === key)?.value;
  const events = (span.logs ?? []).map((log) => {
    const fields = log.fields ?? [];
    const name = fields.find((field) => field.key === EVENT_FIELD)?.value;
    return {
      offsetUs: Math.round(log.timestamp - traceStart),
      name: typeof name === 'string' ? name : 'log',
      attributes: fields.filter((field) => field.key !== EVENT_FIELD).map(attributeOf),
    };
  });
  // OpenTelemetry's ERROR status, or the `error` tag of OpenTracing's convention (a bool, or its text from some clients).
  const error = tag(STATUS_CODE_TAG) === 'ERROR' || tag(ERROR_TAG) === true || tag(ERROR_TAG) === 'true';
  const exceptionMessage = events.flatMap((event) => event.attributes).find((attribute) => attribute.key === EXCEPTION_MESSAGE_FIELD)?.value;
  const description = tag(STATUS_DESCRIPTION_TAG) ?? exceptionMessage;
  const kind = tag(KIND_TAG);
  return {
    spanId: span.spanID,
    // The parent is the span's reference within its own trace (a link to another trace is no parent).
    parentSpanId: (span.references ?? []).find((reference) => reference.traceID === trace.traceID && reference.refType === 'CHILD_OF')?.spanID ?? null,
    service: trace.processes[span.processID]?.serviceName ?? span.processID,
    operation: span.operationName,
    kind: typeof kind === 'string' ? kind : null,
    startUs: Math.round(span.startTime - traceStart),
    durationUs: Math.round(span.duration),
    error,
    errorMessage: error && description !== undefined ? String(description) : null,
    attributes: tags.map(attributeOf),
    events,
  };
}

const attributeOf = ({ key, value, type }: JaegerKeyValue): TraceAttribute => ({
  key,
  value: typeof value === 'string' ? value : JSON.stringify(value),
  type: type ?? typeof value,
});
