type Env = Record<string, string | undefined>;

const DEFAULT_OTLP_ENDPOINT = 'http://127.0.0.1:4318';

/** Where spans go: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else `${OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces`. */
export function tracesEndpointFromEnv(env: Env = process.env): string {
  const tracesEndpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim();
  if (tracesEndpoint) return tracesEndpoint;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || DEFAULT_OTLP_ENDPOINT;
  return `${base.replace(/\/+$/, '')}/v1/traces`;
}

/** The share of new traces to keep: SHOP_TRACE_SAMPLE_RATIO, else OTEL_TRACES_SAMPLER_ARG, else 1 (all). */
export function sampleRatioFromEnv(env: Env = process.env): number {
  const [name, raw] = (['SHOP_TRACE_SAMPLE_RATIO', 'OTEL_TRACES_SAMPLER_ARG'] as const)
    .map((key) => [key, env[key]?.trim()] as const)
    .find(([, value]) => value) ?? ['', undefined];
  if (raw === undefined) return 1;
  const ratio = Number(raw);
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`${name}: expected a number from 0 to 1, got "${raw}"`);
  }
  return ratio;
}

/** OTEL_SDK_DISABLED=true turns tracing off, as in every OpenTelemetry SDK. */
export function tracingDisabledByEnv(env: Env = process.env): boolean {
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
}
