import { DependencyUnavailableError, UnprocessableEventError } from '@shop/runtime';
import { classifySmtpFailure } from './smtp-failure.js';
import { whyUndeliverable } from './undeliverable-address.js';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('send failed'), fields);

describe('classifySmtpFailure', () => {
  it.each([
    ['a refused recipient', { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user' }],
    ['a bad address', { code: 'EENVELOPE', responseCode: 553, response: '553 5.1.3 bad address' }],
    ['refused content', { code: 'EMESSAGE', responseCode: 554, response: '554 5.7.1 rejected' }],
  ])('calls %s unprocessable, quoting the reply', (_case, fields) => {
    const failure = classifySmtpFailure(smtpError(fields));
    expect(failure).toBeInstanceOf(UnprocessableEventError);
    expect(failure.message).toContain(String(fields.responseCode));
  });

  it.each([
    ['a refused connection', { code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1025' }],
    ['a connection timeout', { code: 'ETIMEDOUT' }],
    ['a greylisting 451', { code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 try later' }],
    ['a busy server 421', { code: 'EPROTOCOL', responseCode: 421, response: '421 too busy' }],
    ['a refused login (a setting to fix, then every e-mail goes)', { code: 'EAUTH', responseCode: 535 }],
  ])('calls %s a dependency failure', (_case, fields) => {
    expect(classifySmtpFailure(smtpError(fields))).toBeInstanceOf(DependencyUnavailableError);
  });
});

describe('whyUndeliverable', () => {
  it('refuses the reserved .invalid domain and malformed domains', () => {
    expect(whyUndeliverable('ada@shop.invalid')).toMatch(/RFC 6761/);
    expect(whyUndeliverable('ada@SHOP.INVALID')).toMatch(/RFC 6761/);
    expect(whyUndeliverable('ada@-shop.example')).toMatch(/not a valid domain/);
    expect(whyUndeliverable('ada@shop..example')).toMatch(/not a valid domain/);
  });

  it('lets ordinary addresses through', () => {
    expect(whyUndeliverable('ada@example.com')).toBeUndefined();
    expect(whyUndeliverable('ada@event-shop.test')).toBeUndefined();
  });
});
