import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { startInMemoryTracing } from './in-memory-tracing.js';
import { TRACER_NAME } from './tracer.js';
import { withSpan } from './with-span.js';

describe('withSpan', () => {
  const tracing = startInMemoryTracing();
  afterEach(() => tracing.reset());
  afterAll(() => tracing.shutdown());

  it('runs fn in the span, which is active for nested spans, and ends it', async () => {
    const result = await withSpan('outer', { kind: SpanKind.SERVER, attributes: { 'shop.order.id': 'o1' } }, async (outer) => {
      expect(trace.getActiveSpan()).toBe(outer);
      await withSpan('inner', {}, async () => {});
      return 42;
    });
    expect(result).toBe(42);
    const [inner, outer] = await tracing.spans();
    expect(outer).toMatchObject({ name: 'outer', kind: SpanKind.SERVER, ended: true, attributes: { 'shop.order.id': 'o1' } });
    expect(outer!.instrumentationScope.name).toBe(TRACER_NAME);
    expect(inner!.parentSpanContext?.spanId).toBe(outer!.spanContext().spanId);
    expect(trace.getActiveSpan()).toBeUndefined();
  });

  it('records the exception and an ERROR status, ends the span and rethrows', async () => {
    await expect(withSpan('send mail', {}, async () => Promise.reject(new Error('smtp down')))).rejects.toThrow('smtp down');
    const [span] = await tracing.spans();
    expect(span!.ended).toBe(true);
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'smtp down' });
    expect(span!.events).toEqual([
      expect.objectContaining({ name: 'exception', attributes: expect.objectContaining({ 'exception.message': 'smtp down' }) }),
    ]);
  });

  it('records thrown values that are not Errors too', async () => {
    await expect(withSpan('odd', {}, async () => Promise.reject('just a string'))).rejects.toBe('just a string');
    expect((await tracing.spans())[0]!.status).toEqual({ code: SpanStatusCode.ERROR, message: 'just a string' });
  });
});
