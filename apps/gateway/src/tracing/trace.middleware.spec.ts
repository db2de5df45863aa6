import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { type InMemoryTracing, startInMemoryTracing } from '@shop/runtime';
import { RouteTable } from '../http/route-table.js';
import { TRACE_ID_HEADER } from './trace-id.js';
import { TraceMiddleware } from './trace.middleware.js';

describe('TraceMiddleware', () => {
  let tracing: InMemoryTracing;
  beforeAll(() => {
    tracing = startInMemoryTracing('trace-middleware-test');
  });
  afterAll(() => tracing.shutdown());

  const middleware = new TraceMiddleware(new RouteTable(['GET /health', 'GET /health/live', 'GET /orders/{id}']));

  /** Runs one request through the middleware to the end of its response; the trace id it named, and whether its span was kept. */
  async function traced(path: string, headers: Record<string, string> = {}) {
    const response = Object.assign(new EventEmitter(), { statusCode: 200, headers: {} as Record<string, unknown> });
    const setHeader = (name: string, value: unknown) => (response.headers[name] = value);
    const request = { method: 'GET', url: path, headers };
    await new Promise<void>((resolve) => middleware.use(request as never, Object.assign(response, { setHeader }) as unknown as ServerResponse, resolve));
    response.emit('close');
    const traceId = response.headers[TRACE_ID_HEADER] as string;
    await new Promise((resolve) => setImmediate(resolve));
    const kept = (await tracing.spans()).some((span) => span.spanContext().traceId === traceId);
    return { traceId, kept };
  }

  it('names a kept trace on every request, continuing the caller’s', async () => {
    expect(await traced('/orders/42')).toEqual({ traceId: expect.stringMatching(/^[0-9a-f]{32}$/), kept: true });
    const caller = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(await traced('/nope', { traceparent: `00-${caller}-00f067aa0ba902b7-01` })).toEqual({ traceId: caller, kept: true });
  });

  it('gives the health probes a trace id too, never sampled, whatever the caller asks', async () => {
    for (const path of ['/health', '/health/live/', '/HEALTH?x=1']) {
      expect(await traced(path, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4737-00f067aa0ba902b7-01' })).toEqual({
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
        kept: false,
      });
    }
  });
});
