/**
 * When the caller stops waiting for a reply, carried with each request (epoch
 * milliseconds, as text). A request read after it is not served: its caller
 * has already answered 503 and will ask again, so serving it would only spend
 * the time an overloaded service lacks on work nobody waits for (and, for
 * `shop.order.place`, make an order its customer was told failed).
 */
export const REQUEST_DEADLINE_HEADER = 'request_deadline';

/** The header for a request whose caller waits `timeoutMs` from `now`. */
export const deadlineHeader = (timeoutMs: number, now = Date.now()): Record<string, string> => ({
  [REQUEST_DEADLINE_HEADER]: String(now + timeoutMs),
});

/** True when the request's deadline has passed; a request without one (or an unreadable one) never expires. */
export function isPastDeadline(headers: Record<string, unknown> | undefined, now = Date.now()): boolean {
  const raw = headers?.[REQUEST_DEADLINE_HEADER];
  if (raw === undefined || raw === null) return false;
  const deadline = Number(String(raw));
  return Number.isFinite(deadline) && now > deadline;
}
