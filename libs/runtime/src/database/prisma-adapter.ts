import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';
import { preparedStatementNames } from './prepared-statements.js';

/**
 * How a Prisma client reaches PostgreSQL: through node-postgres (no native
 * engine), with the statements it sends prepared once a connection
 * (preparedStatementNames).
 *
 * The pool: a connection that cannot be opened in 5 s fails (so a database
 * that went away is noticed, never waited on for ever), and TCP keepalive
 * finds a peer that vanished without closing. A broken connection leaves the
 * pool; the next query opens a fresh one, so the pool recovers by itself when
 * the database is back. `pool` overrides these settings or adds to them.
 */
export function prismaAdapter(connectionString: string, pool: PoolConfig = {}): PrismaPg {
  const statementNames = preparedStatementNames();
  return new PrismaPg(
    { connectionString, connectionTimeoutMillis: 5_000, keepAlive: true, ...pool },
    // An unnamed statement (past the names' limit) is what the adapter sends without a generator.
    { statementNameGenerator: statementNames as (query: { sql: string }) => string },
  );
}

export interface PrismaClientOptions {
  adapter: PrismaPg;
  errorFormat: 'minimal';
}

/**
 * What every Prisma client of the shop is built with: prismaAdapter's
 * connection, and errors told without a call site. Prisma's default outside
 * NODE_ENV=production ('colorless') captures a stack trace (`new Error()`) on
 * every query and transaction, to point an error at the line that made it;
 * the apps run bundled without source maps, so it could only point into
 * dist/main.bundle.mjs. The capture was 1.2-3.4% of each app's busy samples
 * under load (bench/reports/profile-2026-12-06T0629.md); `./shop bench
 * db-client` measures it per call.
 */
export function prismaClientOptions(connectionString: string, pool: PoolConfig = {}): PrismaClientOptions {
  return { adapter: prismaAdapter(connectionString, pool), errorFormat: 'minimal' };
}
