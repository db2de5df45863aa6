import type { SqlExecutor } from '../sql-executor.js';

/*
 * One batch of each table, one statement each, so a batch is its own short
 * transaction. FOR UPDATE SKIP LOCKED: two replicas of an app prune the same
 * database at once without waiting for each other (each takes rows the other
 * has not locked), and neither waits for, nor makes wait, the relay or a
 * consumer: the relay only reads and stamps unpublished rows, a consumer only
 * inserts, and the rows taken here are published (or past the window) already.
 */

/**
 * Deletes up to `limit` outbox rows published more than `retentionS` seconds
 * ago, oldest first (index outbox_published_at_sequence_idx). An unpublished
 * row has no published_at and never matches. Returns how many went.
 */
export function prunePublishedOutbox(database: SqlExecutor, retentionS: number, limit: number): Promise<number> {
  return database.$executeRawUnsafe(
    `DELETE FROM outbox WHERE sequence IN (
       SELECT sequence FROM outbox
        WHERE published_at < now() - make_interval(secs => $1)
        ORDER BY published_at LIMIT $2
        FOR UPDATE SKIP LOCKED)`,
    retentionS,
    limit,
  );
}

/**
 * Deletes up to `limit` inbox rows older than the deduplication window,
 * measured back from the newest row of the database, not from now: while the
 * consumer stands still (stopped, paused, its service down for a week) nothing
 * ages out, so the events it will see again on restart (those handled but not
 * yet committed when it stopped) are still recognised. Index
 * inbox_processed_at_idx finds the newest and the oldest rows.
 */
export function pruneInboxPastWindow(database: SqlExecutor, windowS: number, limit: number): Promise<number> {
  return database.$executeRawUnsafe(
    `DELETE FROM inbox WHERE (consumer_group, event_id) IN (
       SELECT consumer_group, event_id FROM inbox
        WHERE processed_at < (SELECT max(processed_at) FROM inbox) - make_interval(secs => $1)
        ORDER BY processed_at LIMIT $2
        FOR UPDATE SKIP LOCKED)`,
    windowS,
    limit,
  );
}
