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
});
