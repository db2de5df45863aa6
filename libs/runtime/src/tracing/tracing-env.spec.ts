import { sampleRatioFromEnv, tracesEndpointFromEnv, tracingDisabledByEnv } from './tracing-env.js';

describe('tracing settings from the environment', () => {
  it('sends spans to the OTLP traces path of the endpoint, or to the traces endpoint as given', () => {
    expect(tracesEndpointFromEnv({})).toBe('http://127.0.0.1:4318/v1/traces');
    expect(tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' })).toBe('http://jaeger:4318/v1/traces');
    expect(
      tracesEndpointFromEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://b/traces' }),
    ).toBe('http://b/traces');
  });

  it('keeps every trace by default, else the ratio from SHOP_TRACE_SAMPLE_RATIO, then OTEL_TRACES_SAMPLER_ARG', () => {
    expect(sampleRatioFromEnv({})).toBe(1);
    expect(sampleRatioFromEnv({ OTEL_TRACES_SAMPLER_ARG: '0.25' })).toBe(0.25);
    expect(sampleRatioFromEnv({ OTEL_TRACES_SAMPLER_ARG: '0.25', SHOP_TRACE_SAMPLE_RATIO: '0' })).toBe(0);
  });

  it('refuses a ratio outside 0..1, naming the variable', () => {
    expect(() => sampleRatioFromEnv({ SHOP_TRACE_SAMPLE_RATIO: '2' })).toThrow('SHOP_TRACE_SAMPLE_RATIO: expected a number from 0 to 1, got "2"');
    expect(() => sampleRatioFromEnv({ OTEL_TRACES_SAMPLER_ARG: 'half' })).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });

  it('is off only when OTEL_SDK_DISABLED is true', () => {
    expect(tracingDisabledByEnv({})).toBe(false);
    expect(tracingDisabledByEnv({ OTEL_SDK_DISABLED: 'TRUE' })).toBe(true);
    expect(tracingDisabledByEnv({ OTEL_SDK_DISABLED: 'false' })).toBe(false);
  });
});
