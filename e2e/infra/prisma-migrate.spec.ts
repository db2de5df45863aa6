import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { SERVICES, type ServiceName, serviceDatabase, serviceDatabaseUrl, uniqueSuffix } from '../support/environment.js';
import { createServiceScratchDatabase, dropDatabase } from '../support/postgres-admin.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The table each service's first migration creates, and the generated client's delegate for it. */
const firstModel: Record<ServiceName, { table: string; delegate: string }> = {
  order: { table: 'Order', delegate: 'order' },
  inventory: { table: 'Product', delegate: 'product' },
  shipping: { table: 'Shipment', delegate: 'shipment' },
  email: { table: 'SentEmail', delegate: 'sentEmail' },
  history: { table: 'TimelineEntry', delegate: 'timelineEntry' },
  'slack-notifier': { table: 'SlackNotification', delegate: 'slackNotification' },
  gateway: { table: 'IdempotencyKey', delegate: 'idempotencyKey' },
};

type ServiceClient = {
  $queryRawUnsafe<T>(sql: string): Promise<T>;
  $disconnect(): Promise<void>;
} & Record<string, { count(): Promise<number> }>;

async function migrate(service: ServiceName, databaseUrl: string) {
  const { stdout } = await run('node', [path.join(repoRoot, 'tools/prisma/migrate.mjs')], {
    cwd: path.join(repoRoot, 'apps', service),
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  return stdout;
}

describe("Prisma migrations on each service's own database", () => {
  it.each(SERVICES)('%s: migrates a fresh database, then queries it through its generated client', async (service) => {
    const { role } = serviceDatabase(service);
    const database = `${role}_it_${uniqueSuffix()}`;
    const url = serviceDatabaseUrl(service, database);
    await createServiceScratchDatabase(database, role);
    const { PrismaClient } = await import(`../../apps/${service}/src/generated/prisma/client.js`);
    const prisma: ServiceClient = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    try {
      expect(await migrate(service, url)).toMatch(/applied \d+_init/);
      expect(await migrate(service, url)).toMatch(/No pending migrations/);

      const applied = await prisma.$queryRawUnsafe<{ migration_name: string; finished: boolean }[]>(
        'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations',
      );
      expect(applied).toEqual([{ migration_name: expect.stringMatching(/_init$/), finished: true }]);
      const { table, delegate } = firstModel[service];
      const tables = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(tables.map((t) => t.tablename)).toEqual(['_prisma_migrations', table].sort());
      expect(await prisma[delegate]!.count()).toBe(0);
    } finally {
      await prisma.$disconnect();
      await dropDatabase(database);
    }
  });
});
