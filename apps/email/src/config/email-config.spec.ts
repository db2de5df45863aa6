import { ConfigError } from '@shop/runtime';
import { emailConfig, fromAddress } from './email-config.js';

describe('email config', () => {
  it('defaults to the local Mailpit and a demo sender', () => {
    expect(emailConfig.load({})).toEqual({
      SMTP_URL: 'smtp://127.0.0.1:1025',
      EMAIL_FROM: 'Event Shop <orders@event-shop.test>',
    });
  });

  it('takes smtps and a bare sender address', () => {
    const config = emailConfig.load({ SMTP_URL: 'smtps://u:p@mail.example.com:465', EMAIL_FROM: 'shop@example.com' });
    expect(config.SMTP_URL).toBe('smtps://u:p@mail.example.com:465');
    expect(fromAddress(config.EMAIL_FROM)).toBe('shop@example.com');
  });

  it('names every bad setting at once', () => {
    const load = () => emailConfig.load({ SMTP_URL: 'http://mail:25', EMAIL_FROM: 'Event Shop' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SMTP_URL: .*\n.*EMAIL_FROM: expected "Name <address>"/);
  });

  it('reads the address out of a display name', () => {
    expect(fromAddress('Event Shop <orders@event-shop.test>')).toBe('orders@event-shop.test');
  });
});
