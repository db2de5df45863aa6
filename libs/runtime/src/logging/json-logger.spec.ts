import { startInMemoryTracing } from '../tracing/in-memory-tracing.js';
import { withSpan } from '../tracing/with-span.js';
import { JsonLogger } from './json-logger.js';

describe('JsonLogger', () => {
  const lines: string[] = [];
  const logger = new JsonLogger('order', () => ({ traceId: 'abc' }), (line) => lines.push(line));
  beforeEach(() => (lines.length = 0));

  it('writes one JSON object per line with service, level, context and extra fields', () => {
    logger.log('order placed', 'OrderService');
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: 'info', service: 'order', context: 'OrderService', traceId: 'abc', msg: 'order placed' });
    expect(Date.parse(entry.time)).not.toBeNaN();
  });

  it('keeps the stack of errors', () => {
    logger.error('boom', 'Error: boom\n    at somewhere', 'Relay');
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'error', msg: 'boom', stack: expect.stringContaining('at somewhere'), context: 'Relay' });
  });

  it('merges structured messages', () => {
    logger.warn({ msg: 'slow', ms: 1200 });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'warn', msg: 'slow', ms: 1200 });
  });

  it('adds the trace and span ids of the active span by default', async () => {
    const tracing = startInMemoryTracing();
    const traced = new JsonLogger('order', undefined, (line) => lines.push(line));
    try {
      traced.log('outside');
      const span = await withSpan('place order', {}, async (span) => {
        traced.log('inside');
        return span.spanContext();
      });
      const [outside, inside] = lines.map((line) => JSON.parse(line));
      expect(outside).not.toHaveProperty('traceId');
      expect(inside).toMatchObject({ msg: 'inside', traceId: span.traceId, spanId: span.spanId });
    } finally {
      await tracing.shutdown();
    }
  });
});

describe('JsonLogger levels', () => {
  it('drops lines below the minimum level', () => {
    const lines: string[] = [];
    const logger = new JsonLogger('order', () => ({}), (line) => lines.push(line), 'warn');
    logger.debug('per-event detail');
    logger.log('routine');
    logger.warn('worth a look');
    expect(lines.map((line) => JSON.parse(line).level)).toEqual(['warn']);
  });
});
