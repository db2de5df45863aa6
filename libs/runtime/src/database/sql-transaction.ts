import type { Sql } from '@prisma/client-runtime-utils';
import type { SqlExecutor } from '../messaging/sql-executor.js';

/**
 * A transaction the runtime opened (SqlTransactions): what a handler's `tx`
 * is, and what a repository writes through. SQL only, in the forms Prisma's
 * client takes it, so a statement reads the same in either:
 *
 *     tx.$queryRaw<Row[]>`SELECT … WHERE id = ${id}::uuid`
 *     tx.$executeRaw(Prisma.sql`…`)            // a fragment built apart
 *     tx.$queryRawUnsafe('SELECT … $1', value)
 *
 * Values go as parameters, never into the text: a Date as its ISO instant
 * (UTC), an object as JSON, an array as a PostgreSQL array. Rows come back
 * as objects by column; `timestamp` columns (Prisma's DateTime, stored in
 * UTC) as Dates, `bigint` as BigInt, `json`/`jsonb` parsed, as Prisma's raw
 * queries give them.
 */
export interface SqlTransaction extends SqlExecutor {
  $queryRaw<T = unknown>(query: TemplateStringsArray | Sql, ...values: unknown[]): Promise<T>;
  /** How many rows the statement changed. */
  $executeRaw(query: TemplateStringsArray | Sql, ...values: unknown[]): Promise<number>;
}

/** Longest a transaction runs unless told otherwise (TransactionOptions.timeout). */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

/** Limits of one transaction. */
export interface TransactionOptions {
  /** Longest the transaction may run, in ms; past it, it is rolled back and its connection closed. Default DEFAULT_TRANSACTION_TIMEOUT_MS. */
  timeout?: number;
}
