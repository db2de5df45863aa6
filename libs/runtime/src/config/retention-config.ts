import { z } from 'zod';

const seconds = z.coerce.number().int().positive();

/**
 * How long the runtime's own tables keep rows (docs/adr/0005-bounded-messaging-tables.md).
 * Read by every app: the pruner runs where there is a database, and the
 * dead-letter replay (the gateway's route, the CLI) refuses to reach past the
 * inbox window. Defaults suit production; `./shop bench soak` shortens them so
 * that the tables level off within its hour.
 */
export const retentionConfigSchema = z.object({
  /**
   * Published outbox rows are deleted this long after publication. They serve
   * nothing once in Kafka (the topics are the log, ADR 0001); a day keeps them
   * for an operator asking "did we publish it?".
   */
  SHOP_OUTBOX_RETENTION_S: seconds.default(24 * 3600),
  /**
   * The deduplication window: an inbox row is kept while it is younger than
   * this, measured back from the newest event handled in the same database.
   * It must outlast every redelivery the shop can cause (ADR 0005); a dead
   * letter older than it is refused by the replay.
   */
  SHOP_INBOX_WINDOW_S: seconds.default(7 * 24 * 3600),
  /** How often the pruner looks for rows past their time. */
  SHOP_PRUNE_INTERVAL_S: seconds.default(60),
});

export type RetentionConfig = z.infer<typeof retentionConfigSchema>;
