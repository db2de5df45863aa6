import { context, SpanStatusCode, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';
import { runtimeTracer } from './tracer.js';

export interface WithSpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; default the active context. Pass `contextFromTraceHeaders(...)` to continue a trace from a message. */
  parent?: Context;
}

/**
 * Runs `fn` inside a new span (active for everything `fn` awaits), records an
 * exception and ERROR status if it throws, and always ends the span.
 */
export async function withSpan<T>(name: string, options: WithSpanOptions, fn: (span: Span) => Promise<T>): Promise<T> {
  const { parent = context.active(), ...spanOptions } = options;
  return runtimeTracer().startActiveSpan(name, spanOptions, parent, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      recordError(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks `span` as failed by `error`. */
export function recordError(span: Span, error: unknown): void {
  const exception = error instanceof Error ? error : new Error(String(error));
  span.recordException(exception);
  span.setStatus({ code: SpanStatusCode.ERROR, message: exception.message });
}
