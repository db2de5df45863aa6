import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { NodeSDK, type NodeSDKConfiguration } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import { PrismaInstrumentation } from '@prisma/instrumentation';
import { sampleRatioFromEnv, tracesEndpointFromEnv, tracingDisabledByEnv } from './tracing-env.js';

export interface TracingOptions {
  serviceName: string;
  serviceVersion: string;
  /** deployment.environment.name, e.g. development, production. */
  environment: string;
  /** Full OTLP/HTTP traces URL; default from OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT. */
  exporterUrl?: string;
  /** Share of new traces kept (0..1); default from SHOP_TRACE_SAMPLE_RATIO / OTEL_TRACES_SAMPLER_ARG, else 1. */
  sampleRatio?: number;
  /** Instrumentations; default Prisma's own (query spans). Module-patching ones need Node's ESM loader hook: see the README. */
  instrumentations?: NodeSDKConfiguration['instrumentations'];
  /** Replaces the OTLP exporter, e.g. an in-memory one in tests. */
  spanProcessors?: SpanProcessor[];
}

export interface Tracing {
  /** Exports the spans still buffered, then stops tracing. Safe to call twice. */
  shutdown(): Promise<void>;
}

/** Spans are exported every half second, so a demo shows them in Jaeger almost at once. */
const EXPORT_DELAY_MS = 500;
/** A collector that does not answer must not hold up shutdown. */
const EXPORT_TIMEOUT_MS = 3_000;
// The OpenTelemetry name, not yet in the stable semantic conventions.
const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';

/**
 * Starts OpenTelemetry for this process: spans of every tracer go to the OTLP
 * endpoint, the active span follows async calls (AsyncLocalStorage), and
 * context crosses processes as W3C `traceparent`/`tracestate`. Sampling is
 * parent-based: a trace started elsewhere keeps that decision, a new one is kept
 * at `sampleRatio`. Does nothing when OTEL_SDK_DISABLED=true.
 */
export function startTracing(options: TracingOptions): Tracing {
  if (tracingDisabledByEnv()) return { shutdown: async () => {} };
  const sdk = new NodeSDK({
    serviceName: options.serviceName,
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: options.serviceName,
        [ATTR_SERVICE_VERSION]: options.serviceVersion,
        [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: options.environment,
      }),
    ),
    contextManager: new AsyncLocalStorageContextManager(),
    textMapPropagator: new W3CTraceContextPropagator(),
    sampler: new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(options.sampleRatio ?? sampleRatioFromEnv()),
    }),
    spanProcessors: options.spanProcessors ?? [
      new BatchSpanProcessor({
        exporter: new OTLPTraceExporter({
          url: options.exporterUrl ?? tracesEndpointFromEnv(),
          timeoutMillis: EXPORT_TIMEOUT_MS,
        }),
        scheduledDelayMillis: EXPORT_DELAY_MS,
        exportTimeoutMillis: EXPORT_TIMEOUT_MS,
      }),
    ],
    instrumentations: options.instrumentations ?? [prismaQuerySpans()],
    // Traces only: Jaeger takes no metrics or logs, and the SDK would otherwise export both by default.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();

  let stopped: Promise<void> | undefined;
  return {
    shutdown: () =>
      (stopped ??= sdk.shutdown().finally(() => {
        // Unregister the globals, so tracing can be started again (tests) and late calls are no-ops.
        trace.disable();
        context.disable();
        propagation.disable();
      })),
  };
}

/**
 * Prisma's own spans: the SQL of each query (`prisma:client:db_query`) and
 * each interactive transaction (`prisma:client:transaction`, holding its
 * queries). Prisma 7 calls the tracer itself, so no module patching (and no ESM
 * loader hook) is involved. Left out: the span around each model call
 * (`operation`, one per db_query, saying nothing the SQL does not), the BEGIN
 * and COMMIT (`start_transaction`, `commit_transaction`), serialising and
 * compiling the query; together they were three spans in five of an order's
 * trace, each one CPU to build, export and store (bench/reports/capacity-*.md).
 */
function prismaQuerySpans(): PrismaInstrumentation {
  return new PrismaInstrumentation({
    ignoreSpanTypes: ['prisma:client:operation', 'prisma:client:start_transaction', 'prisma:client:commit_transaction', 'prisma:client:serialize', 'prisma:client:compile'],
  });
}
