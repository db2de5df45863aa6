import type { SqlExecutor } from '@shop/runtime';
import type { Prisma } from '../generated/prisma/client.js';

/** A transaction of this service's generated client. */
export type OrderTx = Prisma.TransactionClient;

/**
 * The consumer hands handlers its transaction typed as the runtime's raw
 * SqlExecutor (the runtime knows no service's client); it is this service's
 * Prisma transaction, so typed queries run in it.
 */
export function asOrderTx(tx: SqlExecutor): OrderTx {
  return tx as OrderTx;
}
