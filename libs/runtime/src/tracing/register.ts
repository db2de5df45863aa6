/**
 * Starts tracing from the environment as a side effect. Import it first in an
 * app's main.ts (`import '@shop/runtime/tracing/register';`), before anything
 * that makes spans, or preload it with `node --import @shop/runtime/tracing/register`
 * (needed for auto-instrumentations in ESM). Reads SERVICE_NAME, SERVICE_VERSION
 * (default: the version of the main script's package), DEPLOYMENT_ENVIRONMENT
 * (default NODE_ENV, else development), the OTEL_EXPORTER_OTLP_* endpoint,
 * SHOP_TRACE_SAMPLE_RATIO / OTEL_TRACES_SAMPLER_ARG and OTEL_SDK_DISABLED.
 */
import { keepActiveTracing } from './active-tracing.js';
import { versionOfPackageAround } from './package-version.js';
import { startTracing } from './start-tracing.js';

export { shutdownTracing } from './active-tracing.js';

const env = process.env;
const serviceName = env.SERVICE_NAME?.trim();

if (serviceName) {
  try {
    keepActiveTracing(
      startTracing({
        serviceName,
        serviceVersion: env.SERVICE_VERSION?.trim() || env.npm_package_version || versionOfPackageAround(process.argv[1]) || 'unknown',
        environment: env.DEPLOYMENT_ENVIRONMENT?.trim() || env.NODE_ENV?.trim() || 'development',
      }),
    );
  } catch (error) {
    process.stderr.write(`[${serviceName}] tracing: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
// Without SERVICE_NAME there is nothing to name the spans by; the service's
// config validation reports the missing variable and exits.
