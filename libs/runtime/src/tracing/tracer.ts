import { trace, type Tracer } from '@opentelemetry/api';

export const TRACER_NAME = '@shop/runtime';

/** The runtime's tracer, looked up on each use so it follows whichever provider is registered. */
export function runtimeTracer(): Tracer {
  return trace.getTracer(TRACER_NAME);
}
