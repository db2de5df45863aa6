import { readFileSync } from 'node:fs';
import { jaegerTracesAnswerSchema, type JaegerTrace } from './jaeger-trace.js';
import { traceViewSchema } from './trace-view.schema.js';
import { traceViewOf } from './trace-view.js';

/** Recorded from the running Jaeger after an order placed through a test shop reached SHIPPED (the processes' host tags removed). */
const recorded = jaegerTracesAnswerSchema.parse(JSON.parse(readFileSync(new URL('./fixtures/jaeger-order-trace.json', import.meta.url), 'utf8')));
const orderTrace = recorded.data![0]!;

describe('a Jaeger trace as the trace view draws it', () => {
  const view = traceViewOf(orderTrace);

  it('keeps every span of an order, across the seven services, in the order they started, offsets from the first', () => {
    expect(traceViewSchema.parse(view)).toEqual(view);
    expect(view.traceId).toBe(orderTrace.traceID);
    expect(view.spans).toHaveLength(orderTrace.spans.length);
    expect(view.services.map((service) => service.name).sort()).toEqual(['email', 'gateway', 'history', 'inventory', 'order', 'shipping', 'slack-notifier']);
    expect(view.services[0]).toMatchObject({ name: 'gateway', errorCount: 0 });
    expect(view.services.reduce((sum, service) => sum + service.spanCount, 0)).toBe(view.spans.length);
    const starts = view.spans.map((span) => span.startUs);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const first = Math.min(...orderTrace.spans.map((span) => span.startTime));
    const last = Math.max(...orderTrace.spans.map((span) => span.startTime + span.duration));
    expect(view.durationUs).toBe(last - first);
    expect(view.startTime).toBe(new Date(first / 1_000).toISOString());
    expect(view.spans.every((span) => span.startUs >= 0 && span.startUs + span.durationUs <= view.durationUs)).toBe(true);
  });

  it('names each span’s parent, the gateway’s request being the one root', () => {
    const ids = new Set(view.spans.map((span) => span.spanId));
    const roots = view.spans.filter((span) => span.parentSpanId === null);
    expect(roots.map((span) => `${span.service} ${span.operation}`)).toEqual(['gateway POST /orders']);
    expect(roots[0]).toMatchObject({ startUs: 0, kind: 'server', error: false, errorMessage: null });
    expect(view.spans.filter((span) => span.parentSpanId !== null && !ids.has(span.parentSpanId))).toEqual([]);
  });

  it('keeps the tags as attributes, their values as text with Jaeger’s type', () => {
    const publish = view.spans.find((span) => span.operation === 'shop.order.placed.v1 publish')!;
    expect(publish.kind).toBe('producer');
    expect(publish.attributes).toEqual(expect.arrayContaining([{ key: 'messaging.destination.name', value: 'shop.order.events', type: 'string' }]));
    const process = view.spans.find((span) => span.attributes.some((attribute) => attribute.type === 'int64'))!;
    const number = process.attributes.find((attribute) => attribute.type === 'int64')!;
    expect(number.value).toMatch(/^-?\d+$/);
  });

  it('flags a failed span with its status description, and lists its events (logs) from the trace’s start', () => {
    const failed: JaegerTrace = {
      traceID: 'aa'.repeat(16),
      processes: { p1: { serviceName: 'email' } },
      spans: [
        { spanID: 'root', operationName: 'shop.order.shipped.v1 process', startTime: 1_000_000, duration: 5_000, processID: 'p1', references: [], tags: [] },
        {
          spanID: 'smtp',
          operationName: 'smtp send',
          startTime: 1_001_000,
          duration: 2_000,
          processID: 'p1',
          references: [
            { refType: 'CHILD_OF', traceID: 'aa'.repeat(16), spanID: 'root' },
            { refType: 'FOLLOWS_FROM', traceID: 'bb'.repeat(16), spanID: 'elsewhere' },
          ],
          tags: [
            { key: 'otel.status_code', type: 'string', value: 'ERROR' },
            { key: 'otel.status_description', type: 'string', value: 'connect ECONNREFUSED 127.0.0.1:1025' },
            { key: 'error', type: 'bool', value: true },
          ],
          logs: [
            { timestamp: 1_002_500, fields: [{ key: 'event', type: 'string', value: 'breaker.open' }, { key: 'breaker.name', type: 'string', value: 'smtp' }] },
            { timestamp: 1_002_900, fields: [{ key: 'event', type: 'string', value: 'exception' }, { key: 'exception.message', type: 'string', value: 'refused' }] },
          ],
        },
        { spanID: 'late', operationName: 'legacy', startTime: 1_003_000, duration: 1, processID: 'p9', tags: [{ key: 'error', type: 'string', value: 'true' }], logs: [{ timestamp: 1_003_000, fields: [{ key: 'retry', type: 'int64', value: 2 }] }] },
      ],
    };
    const view = traceViewOf(failed);
    expect(view.durationUs).toBe(5_000);
    expect(view.services).toEqual([{ name: 'email', spanCount: 2, errorCount: 1 }, { name: 'p9', spanCount: 1, errorCount: 1 }]);
    const smtp = view.spans.find((span) => span.spanId === 'smtp')!;
    expect(smtp).toMatchObject({ parentSpanId: 'root', startUs: 1_000, durationUs: 2_000, error: true, errorMessage: 'connect ECONNREFUSED 127.0.0.1:1025' });
    expect(smtp.events).toEqual([
      { offsetUs: 2_500, name: 'breaker.open', attributes: [{ key: 'breaker.name', value: 'smtp', type: 'string' }] },
      { offsetUs: 2_900, name: 'exception', attributes: [{ key: 'exception.message', value: 'refused', type: 'string' }] },
    ]);
    // Without a status description, an error says nothing more; an event without a name is a "log".
    expect(view.spans.find((span) => span.spanId === 'late')).toMatchObject({
      parentSpanId: null,
      error: true,
      errorMessage: null,
      events: [{ offsetUs: 3_000, name: 'log', attributes: [{ key: 'retry', value: '2', type: 'int64' }] }],
    });
  });

  it('takes an exception’s message when the status has no description', () => {
    const trace: JaegerTrace = {
      traceID: 'cc'.repeat(16),
      processes: { p1: { serviceName: 'slack-notifier' } },
      spans: [
        {
          spanID: 's',
          operationName: 'slack webhook post',
          startTime: 5,
          duration: 1,
          processID: 'p1',
          tags: [{ key: 'otel.status_code', type: 'string', value: 'ERROR' }],
          logs: [{ timestamp: 6, fields: [{ key: 'event', type: 'string', value: 'exception' }, { key: 'exception.message', type: 'string', value: 'HTTP 500' }] }],
        },
      ],
    };
    expect(traceViewOf(trace).spans[0]).toMatchObject({ error: true, errorMessage: 'HTTP 500' });
  });
});
