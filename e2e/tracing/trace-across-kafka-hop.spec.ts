import { SpanKind } from '@opentelemetry/api';
import { contextFromTraceHeaders, currentTraceHeaders, messagingAttributes, shutdownTracing, withSpan, type TraceHeaders } from '@shop/runtime';
import { infra, uniqueSuffix } from '../support/environment.js';
import { waitFor } from '../support/wait-for.js';

type JaegerSpan = {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: string; traceID: string; spanID: string }[];
  processID: string;
};
type JaegerTraces = { data: { spans: JaegerSpan[]; processes: Record<string, { serviceName: string; tags: { key: string; value: unknown }[] }> }[] };

describe('tracing bootstrap, exported to Jaeger', () => {
  const serviceName = `e2e-tracing-${uniqueSuffix()}`;
  const settings = {
    SERVICE_NAME: serviceName,
    SERVICE_VERSION: '9.9.9',
    DEPLOYMENT_ENVIRONMENT: 'e2e',
    OTEL_EXPORTER_OTLP_ENDPOINT: infra.otlpEndpoint,
  };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));

  beforeAll(async () => {
    Object.assign(process.env, settings);
    // The entry every app imports first; it starts tracing from the environment.
    await import('@shop/runtime/tracing/register');
  });
  afterAll(async () => {
    await shutdownTracing();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('keeps one trace across a Kafka hop: the consumer span is a CHILD_OF the publish span', async () => {
    let headers: TraceHeaders = {};
    const topic = 'shop.order.events';
    const publish = await withSpan(`${topic} publish`, {
      kind: SpanKind.PRODUCER,
      attributes: messagingAttributes({ operation: 'publish', destination: topic, messageId: 'e2e-1', key: 'order-1' }),
    }, async (span) => {
      headers = currentTraceHeaders();
      return span.spanContext();
    });
    // What a consumer does with the headers of the message it received.
    const process_ = await withSpan(`${topic} process`, {
      kind: SpanKind.CONSUMER,
      parent: contextFromTraceHeaders(headers),
      attributes: messagingAttributes({ operation: 'process', destination: topic, messageId: 'e2e-1', partition: 0, offset: 7 }),
    }, async (span) => span.spanContext());
    // Flushes the batch processor: both spans leave over OTLP/HTTP now.
    await shutdownTracing();

    const stored = await waitFor('both spans of the trace in Jaeger', async () => {
      const response = await fetch(`${infra.jaegerQueryUrl}/api/traces/${publish.traceId}`);
      if (!response.ok) return undefined;
      const body = (await response.json()) as JaegerTraces;
      return body.data[0]?.spans.length === 2 ? body.data[0] : undefined;
    });

    const byName = Object.fromEntries(stored.spans.map((span) => [span.operationName, span]));
    expect(process_.traceId).toBe(publish.traceId);
    expect(byName[`${topic} publish`]).toMatchObject({ spanID: publish.spanId, references: [] });
    expect(byName[`${topic} process`]).toMatchObject({
      spanID: process_.spanId,
      references: [{ refType: 'CHILD_OF', traceID: publish.traceId, spanID: publish.spanId }],
    });
    const [processInfo] = Object.values(stored.processes);
    expect(processInfo!.serviceName).toBe(serviceName);
    expect(processInfo!.tags).toEqual(
      expect.arrayContaining([
        { key: 'service.version', type: 'string', value: '9.9.9' },
        { key: 'deployment.environment.name', type: 'string', value: 'e2e' },
      ]),
    );
  });
});
