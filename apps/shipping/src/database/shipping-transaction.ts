import type { SqlExecutor } from '@shop/runtime';
import type { Prisma } from '../generated/prisma/client.js';

/** The interactive transaction of shipping's own client, for typed queries. */
export type ShippingTx = Prisma.TransactionClient;

/**
 * The runtime hands handlers its transaction as a raw `SqlExecutor` (it does
 * not know this service's generated client); it is this client's transaction.
 */
export function shippingTx(tx: SqlExecutor): ShippingTx {
  return tx as unknown as ShippingTx;
}
