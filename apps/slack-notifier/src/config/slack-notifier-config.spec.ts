import { ConfigError } from '@shop/runtime';
import { slackNotifierConfig } from './slack-notifier-config.js';

describe('slack-notifier config', () => {
  it('needs no webhook (the local sink is used then)', () => {
    expect(slackNotifierConfig.load({})).toEqual({});
  });

  it('takes an https webhook', () => {
    const url = 'https://hooks.slack.com/services/T000/B000/XXXX';
    expect(slackNotifierConfig.load({ SLACK_WEBHOOK_URL: url })).toEqual({ SLACK_WEBHOOK_URL: url });
  });

  it('refuses what is not an http(s) URL, naming the variable', () => {
    const load = () => slackNotifierConfig.load({ SLACK_WEBHOOK_URL: 'hooks.slack.com/services/x' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SLACK_WEBHOOK_URL/);
  });
});
