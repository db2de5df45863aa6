import type { SqlExecutor } from '../sql-executor.js';

/**
 * Records that `groupId` handles event `eventId`, inside the handler's
 * transaction. False when the row already exists: the event was handled
 * before (a redelivery) and must change nothing. If the transaction rolls
 * back, the row goes with it, so a retry is not mistaken for a duplicate.
 */
export async function claimInInbox(
  tx: SqlExecutor,
  groupId: string,
  event: { id: string; type: string },
): Promise<boolean> {
  return (await claimAllInInbox(tx, groupId, [event])).has(event.id);
}

/**
 * claimInInbox for several events in one statement: the ids of those claimed
 * now. An id already there (handled before), or twice in `events`, is claimed
 * once at most.
 */
export async function claimAllInInbox(
  tx: SqlExecutor,
  groupId: string,
  events: readonly { id: string; type: string }[],
): Promise<Set<string>> {
  const claimed = await tx.$queryRawUnsafe<{ event_id: string }[]>(
    `INSERT INTO inbox (consumer_group, event_id, type)
     SELECT $1, event_id, type FROM unnest($2::text[], $3::text[]) AS event(event_id, type)
     ON CONFLICT DO NOTHING RETURNING event_id`,
    groupId,
    events.map((event) => event.id),
    events.map((event) => event.type),
  );
  return new Set(claimed.map((row) => row.event_id));
}
