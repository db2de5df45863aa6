// Imports by their .ts names: ./shop smoke (e2e/smoke) runs this with Node as it is.
import { infra } from './environment.ts';
import { waitFor } from './wait-for.ts';

export interface TraceSpan {
  spanId: string;
  parentSpanId?: string;
  service: string;
  operation: string;
}

interface JaegerTrace {
  spans: { spanID: string; operationName: string; processID: string; references: { refType: string; spanID: string }[] }[];
  processes: Record<string, { serviceName: string }>;
}

/** One trace from Jaeger's query API (the native one unless another is named), flattened to spans with their service and parent. */
export async function fetchTrace(traceId: string, jaegerQueryUrl: string = infra.jaegerQueryUrl): Promise<TraceSpan[]> {
  const response = await fetch(`${jaegerQueryUrl}/api/traces/${traceId}`);
  if (!response.ok) return [];
  const { data } = (await response.json()) as { data: JaegerTrace[] };
  if (data.length !== 1) throw new Error(`expected one trace ${traceId}, Jaeger has ${data.length}`);
  const [trace] = data;
  return trace!.spans.map((span) => ({
    spanId: span.spanID,
    parentSpanId: span.references.find((ref) => ref.refType === 'CHILD_OF')?.spanID,
    service: trace!.processes[span.processID]!.serviceName,
    operation: span.operationName,
  }));
}

/** Waits until the trace holds a span for every `service operation` wanted (spans arrive in batches). */
export function waitForTraceSpans(traceId: string, wanted: string[], timeoutMs = 20_000): Promise<TraceSpan[]> {
  return waitFor(`trace ${traceId} to hold ${wanted.join(', ')}`, async () => {
    const spans = await fetchTrace(traceId);
    const present = new Set(spans.map((span) => `${span.service} ${span.operation}`));
    return wanted.every((name) => present.has(name)) ? spans : undefined;
  }, { timeoutMs, intervalMs: 250 });
}
