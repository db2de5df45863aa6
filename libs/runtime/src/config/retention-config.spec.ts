import { retentionConfigSchema } from './retention-config.js';
import { loadConfig } from './service-config.js';

describe('retentionConfigSchema', () => {
  it('defaults to a day of published outbox rows, a week of inbox window, a prune a minute', () => {
    expect(loadConfig(retentionConfigSchema, {})).toEqual({
      SHOP_OUTBOX_RETENTION_S: 86_400,
      SHOP_INBOX_WINDOW_S: 604_800,
      SHOP_PRUNE_INTERVAL_S: 60,
    });
  });

  it('reads whole seconds and refuses zero, negatives and words', () => {
    expect(loadConfig(retentionConfigSchema, { SHOP_INBOX_WINDOW_S: '300' }).SHOP_INBOX_WINDOW_S).toBe(300);
    for (const bad of ['0', '-5', 'a week', '1.5']) {
      expect(() => loadConfig(retentionConfigSchema, { SHOP_OUTBOX_RETENTION_S: bad })).toThrow(/SHOP_OUTBOX_RETENTION_S/);
    }
  });
});
