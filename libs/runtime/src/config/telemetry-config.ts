import { z } from 'zod';
import { leftUnsetByDeployments } from './deployment-environment.js';

/** The levels of LOG_LEVEL, lowest first (the JSON logger drops lines below the one set). */
export const LOG_LEVELS = ['verbose', 'debug', 'info', 'warn', 'error', 'fatal'] as const;

/**
 * The variables the runtime reads in every app at start-up besides
 * serviceConfigSchema: tracing (tracing/register.ts, tracing/tracing-env.ts,
 * read before anything else loads) and logging (logging/json-logger.ts). This
 * schema declares them, with the defaults those modules apply;
 * telemetry-config.spec.ts keeps the two in step.
 */
export const telemetryConfigSchema = z.object({
  /** OTLP/HTTP base URL spans are exported to (`/v1/traces` is appended). */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().default('http://127.0.0.1:4318'),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: leftUnsetByDeployments(
    z.url().optional(),
    'the standard OpenTelemetry name for the full traces URL; it overrides OTEL_EXPORTER_OTLP_ENDPOINT, which deployments set',
  ),
  /** Share of new traces kept, 0 to 1. */
  SHOP_TRACE_SAMPLE_RATIO: z.coerce.number().min(0).max(1).default(1),
  OTEL_TRACES_SAMPLER_ARG: leftUnsetByDeployments(
    z.coerce.number().min(0).max(1).optional(),
    'the standard OpenTelemetry name for the sample ratio; SHOP_TRACE_SAMPLE_RATIO, which deployments set, wins',
  ),
  OTEL_SDK_DISABLED: leftUnsetByDeployments(z.string().optional(), 'the standard OpenTelemetry switch that turns tracing off'),
  /** deployment.environment.name of every span. */
  DEPLOYMENT_ENVIRONMENT: z.string().min(1).default('development'),
  NODE_ENV: leftUnsetByDeployments(z.string().optional(), 'read only when DEPLOYMENT_ENVIRONMENT is unset'),
  SERVICE_VERSION: leftUnsetByDeployments(
    z.string().optional(),
    "service.version of every span; unset, it is the version in the app's package.json",
  ),
  /** The lowest level the JSON logger writes. */
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
});

export type TelemetryConfig = z.infer<typeof telemetryConfigSchema>;
