import { DependencyUnavailableError, UnprocessableEventError } from '@shop/runtime';

/** Without a usable Retry-After, a 429 still buys this much quiet. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * What a webhook answer means for the event. 200: posted. 400: Slack refuses
 * this payload (invalid_payload, no_text, invalid_blocks) and always will:
 * unprocessable. 429: rate limited, quiet for Retry-After. Anything else (5xx,
 * and 403/404/410 for a revoked or mistyped webhook, which a setting fixes for
 * every message at once): the webhook is unavailable, nothing is lost.
 */
export function failureOfResponse(status: number, body: string, retryAfter: string | null, now = Date.now()): Error | undefined {
  if (status >= 200 && status < 300) return undefined;
  const answer = `${status} ${body.trim().slice(0, 200)}`.trim();
  if (status === 400) return new UnprocessableEventError(`Slack refused the message: ${answer}`);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter, now) ?? DEFAULT_RETRY_AFTER_MS;
    return new DependencyUnavailableError(`Slack rate-limited the webhook: ${answer}`, { retryAfterMs });
  }
  return new DependencyUnavailableError(`the Slack webhook is unavailable: ${answer}`);
}

/** Retry-After in seconds or as an HTTP date (RFC 9110), in milliseconds from `now`. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
