import type { SqlTransaction } from '@shop/runtime';

// Class id of the two-int advisory key space (apart from the runtime's bigint keys).
const ORDER_LOCK_CLASS = 0x1a7e;

/**
 * Serializes every handler of one order until the transaction ends, so a
 * placed and a cancelled event of the same order never interleave (the
 * tombstone check and the reservation must not race), even when one of them
 * arrives out of band, e.g. a replayed dead letter.
 */
export async function lockOrder(tx: SqlTransaction, orderId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ORDER_LOCK_CLASS}::int, hashtext(${orderId}))`;
}
