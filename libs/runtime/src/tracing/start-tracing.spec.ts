import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { contextFromTraceHeaders, currentTraceHeaders } from './kafka-propagation.js';
import { startTracing, type TracingOptions } from './start-tracing.js';
import { withSpan } from './with-span.js';

describe('startTracing', () => {
  // A fresh exporter per start: shutting tracing down shuts its exporter down too.
  let exporter: InMemorySpanExporter;
  let processor: SimpleSpanProcessor;
  const options = (more: Partial<TracingOptions> = {}): TracingOptions => {
    exporter = new InMemorySpanExporter();
    processor = new SimpleSpanProcessor({ exporter });
    return { serviceName: 'order', serviceVersion: '1.2.3', environment: 'staging', spanProcessors: [processor], ...more };
  };
  const finishedSpans = async () => {
    await processor.forceFlush();
    return exporter.getFinishedSpans();
  };

  it('names the service, its version and environment on every span', async () => {
    const tracing = startTracing(options());
    try {
      await withSpan('place order', {}, async () => {});
      expect((await finishedSpans())[0]!.resource.attributes).toMatchObject({
        'service.name': 'order',
        'service.version': '1.2.3',
        'deployment.environment.name': 'staging',
      });
    } finally {
      await tracing.shutdown();
    }
  });

  it('samples new traces at the ratio but follows the decision of a remote parent', async () => {
    const tracing = startTracing(options({ sampleRatio: 0 }));
    try {
      await withSpan('new trace', {}, async () => {});
      const sampledParent = contextFromTraceHeaders({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });
      await withSpan('continued trace', { parent: sampledParent }, async () => {});
      expect((await finishedSpans()).map((span) => span.name)).toEqual(['continued trace']);
    } finally {
      await tracing.shutdown();
    }
  });

  it('unregisters itself on shutdown, so nothing is traced afterwards', async () => {
    const tracing = startTracing(options());
    await tracing.shutdown();
    await tracing.shutdown();
    await withSpan('after shutdown', {}, async () => {
      expect(currentTraceHeaders()).toEqual({});
      expect(trace.getActiveSpan()?.isRecording() ?? false).toBe(false);
    });
  });

  it('does nothing when OTEL_SDK_DISABLED=true', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    try {
      const tracing = startTracing(options());
      await withSpan('ignored', {}, async () => expect(currentTraceHeaders()).toEqual({}));
      expect(await finishedSpans()).toEqual([]);
      await tracing.shutdown();
    } finally {
      delete process.env.OTEL_SDK_DISABLED;
    }
  });
});
