import { context, DiagConsoleLogger, diag, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { diagLogLevelFromString, getNumberFromEnv, getStringFromEnv, W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  osDetector,
  processDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type SpanLimits,
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
  instrumentations?: Instrumentation[];
  /** Replaces the OTLP exporter, e.g. an in-memory one in tests. */
  spanProcessors?: SpanProcessor[];
}

/** What an OpenTelemetry instrumentation offers to be switched on (`@opentelemetry/instrumentation`'s `Instrumentation`). */
export interface Instrumentation {
  setTracerProvider(tracerProvider: ReturnType<typeof trace.getTracerProvider>): void;
  getConfig(): { enabled?: boolean };
  enable(): void;
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
  // What @opentelemetry/sdk-node's NodeSDK did for a traces-only setup, without
  // loading its metrics and logs SDKs and every OTLP exporter (gRPC, protobuf,
  // Prometheus, Zipkin): about 12 MB of each app's memory, and time at start.
  const logLevel = getStringFromEnv('OTEL_LOG_LEVEL');
  if (logLevel != null) diag.setLogger(new DiagConsoleLogger(), { logLevel: diagLogLevelFromString(logLevel) });
  // The instrumentations get the global (proxy) provider, which delegates to the one set below.
  for (const instrumentation of options.instrumentations ?? [prismaQuerySpans()]) {
    instrumentation.setTracerProvider(trace.getTracerProvider());
    if (!instrumentation.getConfig().enabled) instrumentation.enable();
  }
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // The resource: the SDK's defaults, this service, and what the process, host and OTEL_RESOURCE_ATTRIBUTES tell.
  const resource = defaultResource()
    .merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: options.serviceName,
        [ATTR_SERVICE_VERSION]: options.serviceVersion,
        [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: options.environment,
      }),
    )
    .merge(detectResources({ detectors: [serviceInstanceIdDetector, processDetector, hostDetector, osDetector, envDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }));
  const provider = new TracerProvider({
    resource,
    sampler: new ParentBasedSampler({
      root: new TraceIdRatioBasedSampler(options.sampleRatio ?? sampleRatioFromEnv()),
    }),
    spanLimits: spanLimitsFromEnv(),
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
  });
  trace.setGlobalTracerProvider(provider);

  let stopped: Promise<void> | undefined;
  return {
    shutdown: () =>
      (stopped ??= provider.shutdown().finally(() => {
        // Unregister the globals, so tracing can be started again (tests) and late calls are no-ops.
        trace.disable();
        context.disable();
        propagation.disable();
      })),
  };
}

/** The OTEL_*_LIMIT variables of the specification, as the SDK reads them. */
function spanLimitsFromEnv(): SpanLimits {
  return {
    attributeCountLimit: getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT') ?? getNumberFromEnv('OTEL_ATTRIBUTE_COUNT_LIMIT'),
    attributeValueLengthLimit:
      getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT') ?? getNumberFromEnv('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'),
    eventCountLimit: getNumberFromEnv('OTEL_SPAN_EVENT_COUNT_LIMIT'),
    linkCountLimit: getNumberFromEnv('OTEL_SPAN_LINK_COUNT_LIMIT'),
    attributePerEventCountLimit:
      getNumberFromEnv('OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT') ?? getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT'),
    attributePerLinkCountLimit:
      getNumberFromEnv('OTEL_LINK_ATTRIBUTE_COUNT_LIMIT') ?? getNumberFromEnv('OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT'),
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
