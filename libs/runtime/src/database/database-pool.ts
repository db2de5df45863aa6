import pg from 'pg';
import { preparedStatementNames } from './prepared-statements.js';

/**
 * A service's connections to its database, and the names its statements are
 * prepared under (preparedStatementNames). Prisma's client and the runtime's
 * transactions (SqlTransactions) send over the same pool, so they share the
 * names: a name stands for one text on every connection, whoever prepared it.
 */
export interface DatabasePool {
  readonly pool: pg.Pool;
  readonly statementName: (query: { sql: string }) => string | undefined;
}

/**
 * The pool every service connects through: a connection that cannot be
 * opened, or taken from the pool, in 5 s fails (so a database that went away
 * is noticed, never waited on for ever), and TCP keepalive finds a peer that
 * vanished without closing. A broken connection leaves the pool; the next
 * query opens a fresh one, so the pool recovers by itself when the database
 * is back. `overrides` change these settings or add to them.
 */
export function openDatabasePool(connectionString: string, overrides: pg.PoolConfig = {}): DatabasePool {
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 5_000, keepAlive: true, ...overrides });
  // An idle connection the server closed (a restart) leaves the pool by itself; unheard, the error would end the process.
  pool.on('error', () => {});
  return { pool, statementName: preparedStatementNames() };
}
