import { Logger } from '@nestjs/common';
import { BreakerRegistry } from './breaker.registry.js';
import { createBreaker } from './create-breaker.js';

Logger.overrideLogger(false);

describe('BreakerRegistry', () => {
  const registry = new BreakerRegistry();
  afterAll(() => registry.onApplicationShutdown());

  it('reports the state and rolling-window counts of every breaker by name', async () => {
    const smtp = registry.create('smtp', async (fail: boolean) => {
      if (fail) throw new Error('smtp down');
      return 'sent';
    });
    const slack = registry.register(createBreaker('slack', async () => 'posted'));
    for (let i = 0; i < 5; i++) await smtp.fire(true).catch(() => {});
    await smtp.fire(false).catch(() => {});
    await slack.fire();

    expect(registry.snapshot()).toEqual({
      smtp: { state: 'open', stats: { failures: 5, successes: 0, timeouts: 0, rejects: 1 } },
      slack: { state: 'closed', stats: { failures: 0, successes: 1, timeouts: 0, rejects: 0 } },
    });
    expect(registry.get('slack')).toBe(slack);
  });

  it('refuses a second breaker of the same name', () => {
    expect(() => registry.create('smtp', async () => 'sent')).toThrow('a breaker named "smtp" is already registered');
  });

  it('shuts every breaker down with the application, and forgets it', async () => {
    const breaker = registry.get('smtp')!;
    registry.onApplicationShutdown();
    expect(breaker.isShutdown).toBe(true);
    expect(registry.snapshot()).toEqual({});
  });
});
