/** A redelivery (a dead-letter replay) would bring events older than the inbox remembers. */
export class PastDeduplicationWindowError extends Error {}

/**
 * The rule of docs/adr/0005-bounded-messaging-tables.md for a command that
 * sends events again: every event it would send must be younger than the
 * deduplication window, so that every consumer group that handled it still
 * finds its id in its inbox (inbox rows are kept at least that long after
 * they were handled, which is after the event was written). Throws
 * PastDeduplicationWindowError naming the oldest event otherwise.
 */
export function assertInsideDeduplicationWindow(oldestEvent: Date | undefined, windowS: number, what: string, now = new Date()): void {
  if (!oldestEvent) return;
  const windowStart = new Date(now.getTime() - windowS * 1000);
  if (oldestEvent >= windowStart) return;
  throw new PastDeduplicationWindowError(
    `${what} include an event of ${oldestEvent.toISOString()}, older than the inbox's deduplication window ` +
      `(SHOP_INBOX_WINDOW_S=${windowS}, so ${windowStart.toISOString()}): consumer groups that handled it may no longer ` +
      'remember it and would handle it again. Proceed past the window only if those handlers are idempotent on their own.',
  );
}
