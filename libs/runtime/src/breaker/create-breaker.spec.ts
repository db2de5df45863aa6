import { once } from 'node:events';
import { Logger } from '@nestjs/common';
import { JsonLogger } from '../logging/json-logger.js';
import { startInMemoryTracing } from '../tracing/in-memory-tracing.js';
import { withSpan } from '../tracing/with-span.js';
import { isBreakerOpenError, isBreakerTimeoutError } from './breaker-errors.js';
import { breakerState } from './breaker-state.js';
import { createBreaker, type Breaker, type BreakerOptions } from './create-breaker.js';
import { whileBreakerOpen } from './while-breaker-open.js';

class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

const logLines: Record<string, unknown>[] = [];
Logger.overrideLogger(new JsonLogger('test', () => ({}), (line) => logLines.push(JSON.parse(line))));

describe('createBreaker', () => {
  let calls: number;
  let outcome: () => Promise<string>;
  const breakers: Breaker[] = [];

  /** A breaker around a fake webhook whose answer each test sets through `outcome`. */
  function webhookBreaker(options: BreakerOptions = {}) {
    const breaker = createBreaker('webhook', async () => {
      calls += 1;
      return outcome();
    }, { resetTimeout: 30, ...options });
    breakers.push(breaker);
    return breaker;
  }
  const down = () => Promise.reject(new Error('connection refused'));
  const ok = () => Promise.resolve('posted');

  async function failTimes(breaker: Breaker<[], string>, times: number) {
    for (let i = 0; i < times; i++) await expect(breaker.fire()).rejects.toThrow();
  }

  beforeEach(() => {
    calls = 0;
    outcome = ok;
    logLines.length = 0;
  });
  afterEach(() => breakers.splice(0).forEach((breaker) => breaker.shutdown()));

  it('stays closed below the volume threshold and opens when at least 5 calls mostly fail', async () => {
    const breaker = webhookBreaker();
    outcome = down;
    await failTimes(breaker, 4);
    expect(breakerState(breaker)).toBe('closed');
    await failTimes(breaker, 1);
    expect(breakerState(breaker)).toBe('open');
  });

  it('rejects fast while open, without calling the action', async () => {
    const breaker = webhookBreaker();
    outcome = down;
    await failTimes(breaker, 5);
    const error = await breaker.fire().catch((e: unknown) => e);
    expect(isBreakerOpenError(error)).toBe(true);
    expect(isBreakerOpenError(new Error('connection refused'))).toBe(false);
    expect(calls).toBe(5);
    expect(breaker.stats.rejects).toBe(1);
  });

  it('half-opens after resetTimeout, lets one trial through and closes when it succeeds', async () => {
    const breaker = webhookBreaker();
    outcome = down;
    await failTimes(breaker, 5);
    await once(breaker, 'halfOpen');
    expect(breakerState(breaker)).toBe('halfOpen');
    outcome = ok;
    await expect(breaker.fire()).resolves.toBe('posted');
    expect(breakerState(breaker)).toBe('closed');
  });

  it('opens again when the trial fails', async () => {
    const breaker = webhookBreaker();
    outcome = down;
    await failTimes(breaker, 5);
    await once(breaker, 'halfOpen');
    await failTimes(breaker, 1);
    expect(breakerState(breaker)).toBe('open');
  });

  it('is not tripped by errors that isFailure says are the caller’s fault, which still reach the caller', async () => {
    const breaker = webhookBreaker({ isFailure: (error) => !(error instanceof HttpError && error.status < 500) });
    outcome = () => Promise.reject(new HttpError(400));
    for (let i = 0; i < 5; i++) await expect(breaker.fire()).rejects.toThrow('HTTP 400');
    expect(breakerState(breaker)).toBe('closed');
    expect(breaker.stats).toMatchObject({ failures: 0, successes: 5 });
    // The dependency answered, so those count as successes: 6 failures of 11 calls pass half.
    outcome = () => Promise.reject(new HttpError(503));
    await failTimes(breaker, 6);
    expect(breakerState(breaker)).toBe('open');
  });

  it('counts timeouts as failures even when isFailure would pass them', async () => {
    const breaker = webhookBreaker({ timeout: 5, isFailure: (error) => error instanceof HttpError });
    outcome = () => new Promise((resolve) => setTimeout(() => resolve('late'), 50));
    const error = await breaker.fire().catch((e: unknown) => e);
    expect(isBreakerTimeoutError(error)).toBe(true);
    await failTimes(breaker, 4);
    expect(breakerState(breaker)).toBe('open');
    expect(breaker.stats.timeouts).toBe(5);
  });

  it('logs every state change under the Breaker context', async () => {
    const breaker = webhookBreaker();
    outcome = down;
    await failTimes(breaker, 5);
    await once(breaker, 'halfOpen');
    outcome = ok;
    await breaker.fire();
    expect(logLines.map(({ level, context, breaker, msg }) => ({ level, context, breaker, msg }))).toEqual([
      { level: 'warn', context: 'Breaker', breaker: 'webhook', msg: expect.stringMatching(/^breaker opened/) },
      { level: 'info', context: 'Breaker', breaker: 'webhook', msg: expect.stringMatching(/^breaker half-open/) },
      { level: 'info', context: 'Breaker', breaker: 'webhook', msg: expect.stringMatching(/^breaker closed/) },
    ]);
  });

  it('records state changes as events on the active span', async () => {
    const tracing = startInMemoryTracing();
    try {
      const breaker = webhookBreaker();
      outcome = down;
      await withSpan('send slack message', {}, () => failTimes(breaker, 5));
      await once(breaker, 'halfOpen');
      outcome = ok;
      await withSpan('send slack message', {}, () => breaker.fire());
      const [failing, succeeding] = await tracing.spans();
      expect(failing!.events.map((e) => [e.name, e.attributes])).toEqual([['breaker.open', { 'breaker.name': 'webhook' }]]);
      expect(succeeding!.events.map((e) => [e.name, e.attributes])).toEqual([['breaker.close', { 'breaker.name': 'webhook' }]]);
    } finally {
      await tracing.shutdown();
    }
  });
});

describe('whileBreakerOpen', () => {
  const breaker = createBreaker('smtp', async (fail: boolean) => {
    if (fail) throw new Error('smtp down');
    return 'sent';
  }, { resetTimeout: 30 });
  afterAll(() => breaker.shutdown());

  it('pauses on open, resumes on half-open, pauses again when the trial fails, and sees the close', async () => {
    const seen: string[] = [];
    const stop = whileBreakerOpen(breaker, {
      onOpen: () => void seen.push('pause'),
      onHalfOpen: () => void seen.push('resume'),
      onClose: () => void seen.push('closed'),
    });
    for (let i = 0; i < 5; i++) await breaker.fire(true).catch(() => {});
    await once(breaker, 'halfOpen');
    await breaker.fire(true).catch(() => {});
    await once(breaker, 'halfOpen');
    await breaker.fire(false);
    stop();
    breaker.open();
    await new Promise(setImmediate);
    expect(seen).toEqual(['pause', 'resume', 'pause', 'resume', 'closed']);
  });

  it('pauses at once when the breaker is already open', async () => {
    breaker.open();
    const seen: string[] = [];
    const stop = whileBreakerOpen(breaker, { onOpen: () => void seen.push('pause'), onHalfOpen: () => {} });
    await new Promise(setImmediate);
    stop();
    expect(seen).toEqual(['pause']);
  });
});
