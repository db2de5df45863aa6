import pg from 'pg';
import { infra } from './environment.js';

/** Runs one statement as the cluster's admin role (test set-up only). */
export async function asAdmin<Row extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<Row[]> {
  const client = new pg.Client({
    host: infra.postgres.host,
    port: infra.postgres.port,
    user: infra.postgres.adminUser,
    password: infra.postgres.adminPassword,
    database: 'postgres',
  });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A throwaway database owned by a service's role and closed to every other role. */
export async function createServiceScratchDatabase(name: string, ownerRole: string): Promise<void> {
  await asAdmin(`CREATE DATABASE "${name}" OWNER "${ownerRole}"`);
  await asAdmin(`REVOKE ALL ON DATABASE "${name}" FROM PUBLIC`);
}

export async function dropDatabase(name: string): Promise<void> {
  await asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
