import { sampleRatioFromEnv, tracesEndpointFromEnv, tracingDisabledByEnv } from '../tracing/tracing-env.js';
import { whyLeftUnsetByDeployments } from './deployment-environment.js';
import { telemetryConfigSchema } from './telemetry-config.js';

/** An environment that records the names read from it. */
function recordingEnv(values: Record<string, string> = {}) {
  const read = new Set<string>();
  const env = new Proxy(values, {
    get: (target, name) => {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  return { env: env as Record<string, string | undefined>, read };
}

describe('telemetryConfigSchema', () => {
  const declared = Object.keys(telemetryConfigSchema.shape);

  it('declares every variable the tracing settings are read from', () => {
    const { env, read } = recordingEnv();
    tracesEndpointFromEnv(env);
    sampleRatioFromEnv(env);
    tracingDisabledByEnv(env);
    expect(read.size).toBeGreaterThan(0);
    for (const name of read) expect(declared).toContain(name);
  });

  it('has the defaults the tracing code applies', () => {
    const defaults = telemetryConfigSchema.parse({});
    expect(tracesEndpointFromEnv({})).toBe(`${defaults.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`);
    expect(sampleRatioFromEnv({})).toBe(defaults.SHOP_TRACE_SAMPLE_RATIO);
    expect(defaults).toMatchObject({ DEPLOYMENT_ENVIRONMENT: 'development', LOG_LEVEL: 'info' });
  });

  it('says why deployments leave the standard alternatives unset', () => {
    const leftUnset = declared.filter((name) => whyLeftUnsetByDeployments(telemetryConfigSchema.shape[name as keyof typeof telemetryConfigSchema.shape]));
    expect(leftUnset.sort()).toEqual(
      ['NODE_ENV', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'OTEL_SDK_DISABLED', 'OTEL_TRACES_SAMPLER_ARG', 'SERVICE_VERSION'].sort(),
    );
    expect(whyLeftUnsetByDeployments(telemetryConfigSchema.shape.LOG_LEVEL)).toBeUndefined();
  });
});
