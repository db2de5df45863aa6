import { PrismaPg } from '@prisma/adapter-pg';
import type { PoolConfig } from 'pg';
import { type DatabasePool, openDatabasePool } from './database-pool.js';

export interface PrismaClientOptions {
  adapter: PrismaPg;
  errorFormat: 'minimal';
}

/**
 * What every Prisma client of the shop is built with: node-postgres through
 * the driver adapter (no native engine) on `database`'s pool, each statement
 * prepared once a connection under the pool's names, and errors told without
 * a call site. Prisma's default outside NODE_ENV=production ('colorless')
 * captures a stack trace (`new Error()`) on every query and transaction, to
 * point an error at the line that made it; the apps run bundled without source
 * maps, so it could only point into dist/main.bundle.mjs. The capture was
 * 1.2-3.4% of each app's busy samples under load
 * (bench/reports/profile-2026-12-06T0629.md); `./shop bench db-client`
 * measures it per call.
 *
 * The pool stays open when the client disconnects: whoever opened it ends it
 * (DatabaseModule), unless `ownsPool`.
 */
export function prismaClientOptionsOn(database: DatabasePool, { ownsPool = false } = {}): PrismaClientOptions {
  return {
    // An unnamed statement (past the names' limit) is what the adapter sends without a generator.
    adapter: new PrismaPg(database.pool, {
      statementNameGenerator: database.statementName as (query: { sql: string }) => string,
      disposeExternalPool: ownsPool,
    }),
    errorFormat: 'minimal',
  };
}

/** prismaClientOptionsOn a pool of its own (openDatabasePool), which the client's `$disconnect` ends: for a client used alone (tools, tests). */
export function prismaClientOptions(connectionString: string, pool: PoolConfig = {}): PrismaClientOptions {
  return prismaClientOptionsOn(openDatabasePool(connectionString, pool), { ownsPool: true });
}
