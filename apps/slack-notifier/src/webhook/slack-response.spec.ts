import { DependencyUnavailableError, UnprocessableEventError } from '@shop/runtime';
import { DEFAULT_RETRY_AFTER_MS, failureOfResponse, parseRetryAfter } from './slack-response.js';

describe('failureOfResponse', () => {
  it('is nothing for 200 ok', () => {
    expect(failureOfResponse(200, 'ok', null)).toBeUndefined();
  });

  it('calls a 400 unprocessable, quoting Slack', () => {
    const failure = failureOfResponse(400, 'invalid_blocks', null);
    expect(failure).toBeInstanceOf(UnprocessableEventError);
    expect(failure?.message).toContain('400 invalid_blocks');
  });

  it('takes a 429 as the webhook being unavailable for Retry-After', () => {
    const failure = failureOfResponse(429, 'rate_limited', '3') as DependencyUnavailableError;
    expect(failure).toBeInstanceOf(DependencyUnavailableError);
    expect(failure.retryAfterMs).toBe(3_000);
    expect((failureOfResponse(429, 'rate_limited', null) as DependencyUnavailableError).retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it.each([500, 502, 503, 403, 404, 410])('calls a %i the webhook unavailable, never the event bad', (status) => {
    expect(failureOfResponse(status, 'oops', null)).toBeInstanceOf(DependencyUnavailableError);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
