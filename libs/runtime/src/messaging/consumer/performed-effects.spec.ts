import { PerformedEffects } from './performed-effects.js';

describe('PerformedEffects', () => {
  it('does an effect once per key, and not again on a retry after the commit failed', async () => {
    const effects = new PerformedEffects();
    const sent: string[] = [];
    const send = (what: string) => async () => void sent.push(what);
    expect(await effects.once('event-1', send('mail 1'))).toBe('performed');
    expect(await effects.once('event-1', send('mail 1 again'))).toBe('already-performed');
    expect(await effects.once('event-2', send('mail 2'))).toBe('performed');
    expect(sent).toEqual(['mail 1', 'mail 2']);
  });

  it('forgets an effect that failed, so the retry does it', async () => {
    const effects = new PerformedEffects();
    await expect(effects.once('event-1', async () => Promise.reject(new Error('SMTP down')))).rejects.toThrow('SMTP down');
    expect(await effects.once('event-1', async () => undefined)).toBe('performed');
  });

  it('keeps at most maxEntries, for at most ttl', async () => {
    let clock = 0;
    const effects = new PerformedEffects(2, 1_000, () => clock);
    for (const key of ['a', 'b', 'c']) await effects.once(key, async () => undefined);
    expect(await effects.once('a', async () => undefined)).toBe('performed');
    expect(await effects.once('c', async () => undefined)).toBe('already-performed');
    clock = 1_000;
    expect(await effects.once('c', async () => undefined)).toBe('performed');
  });
});
