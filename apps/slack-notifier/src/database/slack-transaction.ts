import type { SqlExecutor } from '@shop/runtime';
import type { Prisma } from '../generated/prisma/client.js';

/** The interactive transaction of slack-notifier's own client, for typed queries. */
export type SlackTx = Prisma.TransactionClient;

/** The runtime hands handlers its transaction as a raw `SqlExecutor`; it is this client's transaction. */
export function slackTx(tx: SqlExecutor): SlackTx {
  return tx as unknown as SlackTx;
}
