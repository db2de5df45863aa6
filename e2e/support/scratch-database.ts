import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { prismaClientOptions } from '@shop/runtime';
import { type ServiceName, serviceDatabase, serviceDatabaseUrl, uniqueSuffix } from './environment.js';
import { createServiceScratchDatabase, dropDatabase } from './postgres-admin.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Applies a service's committed migrations with the project's own tool; returns what it printed. */
export async function migrateService(service: ServiceName, databaseUrl: string): Promise<string> {
  const { stdout } = await run('node', [path.join(repoRoot, 'tools/prisma/migrate.mjs')], {
    cwd: path.join(repoRoot, 'apps', service),
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

export interface ScratchDatabase<Client> {
  name: string;
  url: string;
  /** The service's generated Prisma client on this database (driver adapter, no engine). */
  client: Client;
  drop(): Promise<void>;
}

/**
 * A fresh database for one test run, owned by the service's role, optionally
 * migrated, with that service's generated client connected to it.
 */
export async function createScratchDatabase<Client extends { $disconnect(): Promise<void> }>(
  service: ServiceName,
  { migrate = true }: { migrate?: boolean } = {},
): Promise<ScratchDatabase<Client>> {
  const { role } = serviceDatabase(service);
  const name = `${role}_it_${uniqueSuffix()}`;
  const url = serviceDatabaseUrl(service, name);
  await createServiceScratchDatabase(name, role);
  if (migrate) await migrateService(service, url);
  const { PrismaClient } = await import(`../../apps/${service}/src/generated/prisma/client.js`);
  const client: Client = new PrismaClient(prismaClientOptions(url));
  return {
    name,
    url,
    client,
    async drop() {
      await client.$disconnect();
      await dropDatabase(name);
    },
  };
}
