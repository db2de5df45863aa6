import type { SqlExecutor } from '@shop/runtime';
import type { Prisma } from '../generated/prisma/client.js';

/** The interactive transaction of email's own client, for typed queries. */
export type EmailTx = Prisma.TransactionClient;

/** The runtime hands handlers its transaction as a raw `SqlExecutor`; it is this client's transaction. */
export function emailTx(tx: SqlExecutor): EmailTx {
  return tx as unknown as EmailTx;
}
