import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { infra, uniqueSuffix } from '../support/environment.js';
import { waitFor } from '../support/wait-for.js';

type JaegerTraces = { data: { traceID: string; spans: { spanID: string; operationName: string }[]; processes: Record<string, { serviceName: string }> }[] };

describe('Jaeger (v2, built from its Go module)', () => {
  it('stores a span exported over OTLP and serves it from its query API', async () => {
    const serviceName = `e2e-infra-${uniqueSuffix()}`;
    const provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName }),
      spanProcessors: [new SimpleSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${infra.otlpEndpoint}/v1/traces` }) })],
    });
    const span = provider.getTracer('e2e').startSpan('infra.check', { attributes: { 'shop.test': true } });
    const { traceId, spanId } = span.spanContext();
    span.end();
    await provider.forceFlush();
    await provider.shutdown();

    const stored = await waitFor('the trace in Jaeger', async () => {
      const response = await fetch(`${infra.jaegerQueryUrl}/api/traces/${traceId}`);
      return response.ok ? ((await response.json()) as JaegerTraces) : undefined;
    });
    const [storedTrace] = stored.data;
    expect(storedTrace!.traceID).toBe(traceId);
    expect(storedTrace!.spans).toEqual([expect.objectContaining({ spanID: spanId, operationName: 'infra.check' })]);
    expect(Object.values(storedTrace!.processes).map((p) => p.serviceName)).toEqual([serviceName]);
  });
});
