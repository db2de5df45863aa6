import { assertInsideDeduplicationWindow, PastDeduplicationWindowError } from './deduplication-window.js';

describe('assertInsideDeduplicationWindow', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const week = 7 * 24 * 3600;

  it('lets through events inside the window, up to its very edge, and nothing at all', () => {
    expect(() => assertInsideDeduplicationWindow(new Date('2026-12-03T11:00:00Z'), week, 'the dead letters', now)).not.toThrow();
    expect(() => assertInsideDeduplicationWindow(new Date('2026-11-26T12:00:00Z'), week, 'the dead letters', now)).not.toThrow();
    expect(() => assertInsideDeduplicationWindow(undefined, week, 'the dead letters', now)).not.toThrow();
  });

  it('refuses an event a millisecond past the window, naming it and the window', () => {
    const attempt = () => assertInsideDeduplicationWindow(new Date('2026-11-26T11:59:59.999Z'), week, 'the dead letters', now);
    expect(attempt).toThrow(PastDeduplicationWindowError);
    expect(attempt).toThrow(/the dead letters include an event of 2026-11-26T11:59:59.999Z.*SHOP_INBOX_WINDOW_S=604800/);
  });
});
