import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { startTracing, type Tracing } from './start-tracing.js';

export interface InMemoryTracing extends Tracing {
  /** The spans ended so far, in the order they ended (after their export, which is asynchronous). */
  spans(): Promise<ReadableSpan[]>;
  /** Forgets the spans ended so far. */
  reset(): void;
}

/** Tracing as `startTracing` sets it up, keeping spans in memory: for tests. */
export function startInMemoryTracing(serviceName = 'test'): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const processor = new SimpleSpanProcessor({ exporter });
  const tracing = startTracing({
    serviceName,
    serviceVersion: '0.0.0',
    environment: 'test',
    sampleRatio: 1,
    spanProcessors: [processor],
  });
  return {
    spans: async () => {
      await processor.forceFlush();
      return exporter.getFinishedSpans();
    },
    reset: () => exporter.reset(),
    shutdown: () => tracing.shutdown(),
  };
}
