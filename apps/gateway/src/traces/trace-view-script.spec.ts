import { readFileSync } from 'node:fs';
import { loadBrowserScript } from '../testing/browser-script.js';
import { jaegerTracesAnswerSchema } from './jaeger-trace.js';
import { traceViewOf } from './trace-view.js';

const { source: TRACE_VIEW_SCRIPT, api: traceView } = loadBrowserScript('trace-view.js', 'TraceView');

const span = (spanId: string, parentSpanId: string | null, startUs: number, durationUs = 10) => ({ spanId, parentSpanId, startUs, durationUs, service: 's', operation: spanId });

describe('the trace view script', () => {
  it('touches the page only through text and properties, never HTML parsing, and talks to its own origin only', () => {
    expect(TRACE_VIEW_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function|setAttribute\('style'/);
    expect(TRACE_VIEW_SCRIPT).not.toMatch(/https?:\/\//);
  });

  it('reads the trace id from the page’s path, and nothing that is not one', () => {
    const id = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceView.traceIdOfPath!(`/traces/${id}`)).toBe(id);
    expect(traceView.traceIdOfPath!(`/traces/${id}/`)).toBe(id);
    expect(traceView.traceIdOfPath!(`/traces/${id.toUpperCase()}`)).toBeNull();
    expect(traceView.traceIdOfPath!(`/traces/${id}/spans`)).toBeNull();
    expect(traceView.traceIdOfPath!('/traces/..')).toBeNull();
  });

  it('lists each span after its parent, siblings by start, with its depth; a span whose parent is missing is a root; a cycle is cut', () => {
    const rows = traceView.spanRows!([
      span('late-child', 'root', 30),
      span('root', null, 0, 100),
      span('grandchild', 'early-child', 15),
      span('early-child', 'root', 10),
      span('orphan', 'not-exported-yet', 50),
      span('a', 'b', 60),
      span('b', 'a', 61),
    ]);
    expect(rows.map(({ span, depth }: { span: { spanId: string }; depth: number }) => `${depth} ${span.spanId}`)).toEqual([
      '0 root',
      '1 early-child',
      '2 grandchild',
      '1 late-child',
      '0 orphan',
    ]);
  });

  it('lists every span of a recorded order’s trace, the gateway’s request first', () => {
    const recorded = jaegerTracesAnswerSchema.parse(JSON.parse(readFileSync(new URL('./fixtures/jaeger-order-trace.json', import.meta.url), 'utf8')));
    const view = traceViewOf(recorded.data![0]!);
    const rows = traceView.spanRows!(view.spans);
    expect(rows).toHaveLength(view.spans.length);
    expect(rows[0]).toMatchObject({ depth: 0, span: { service: 'gateway', operation: 'POST /orders' } });
    expect(Math.max(...rows.map((row: { depth: number }) => row.depth))).toBeGreaterThan(5);
    expect(traceView.serviceColors!(view.services)).toHaveLength(7);
    expect(new Set(traceView.serviceColors!(view.services).map(([, color]: [string, string]) => color)).size).toBe(7);
  });

  it('places a bar by start and sizes it by duration on the trace’s time line, its label after it, or before it near the end', () => {
    expect(traceView.barOf!({ startUs: 250, durationUs: 250 }, 1_000)).toEqual({ left: 25, width: 25, labelAfter: true });
    expect(traceView.barOf!({ startUs: 900, durationUs: 100 }, 1_000)).toEqual({ left: 90, width: 10, labelAfter: false });
    expect(traceView.barOf!({ startUs: 0, durationUs: 0 }, 0)).toEqual({ left: 0, width: 0, labelAfter: true });
    expect(traceView.barOf!({ startUs: 900, durationUs: 500 }, 1_000)).toMatchObject({ left: 90, width: 10 });
  });

  it('writes durations as a person reads them', () => {
    expect([0, 850, 1_000, 1_234, 12_345, 999_999, 2_345_678].map((us) => traceView.formatDuration!(us))).toEqual([
      '0 µs',
      '850 µs',
      '1.00 ms',
      '1.23 ms',
      '12.3 ms',
      '1000.0 ms',
      '2.35 s',
    ]);
  });

  it('says what an answer that is no trace means, and whether to try again or sign in', () => {
    expect(traceView.describeAnswer!(404, { title: 'Not found', status: 404, detail: 'Jaeger has no trace x' })).toMatchObject({
      heading: 'Not in Jaeger yet',
      detail: expect.stringContaining('try again in a few seconds'),
      retry: true,
    });
    expect(traceView.describeAnswer!(401, { title: 'Unauthenticated', detail: 'sign in' })).toMatchObject({ heading: 'Sign in to see traces', signIn: true });
    expect(traceView.describeAnswer!(503, { detail: 'Jaeger did not answer in time.' })).toMatchObject({ heading: 'Jaeger is not answering', retry: true });
    expect(traceView.describeAnswer!(0, 'Failed to fetch')).toMatchObject({ heading: 'The gateway could not be reached', detail: 'Failed to fetch' });
    expect(traceView.describeAnswer!(400, { title: 'Invalid request', detail: 'bad id' })).toEqual({ heading: 'Invalid request (400)', detail: 'bad id', retry: false, signIn: false });
  });
});
