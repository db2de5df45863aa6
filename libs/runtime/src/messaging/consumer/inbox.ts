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
  const inserted = await tx.$executeRawUnsafe(
    'INSERT INTO inbox (consumer_group, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
    groupId,
    event.id,
    event.type,
  );
  return inserted === 1;
}
