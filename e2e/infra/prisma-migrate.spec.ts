import { DATABASE_SERVICES, type ServiceName } from '../support/environment.js';
import { createScratchDatabase, migrateService as migrate } from '../support/scratch-database.js';

/** The table each service's first migration creates, and the generated client's delegate for it. */
const firstModel: Record<ServiceName, { table: string; delegate: string }> = {
  order: { table: 'Order', delegate: 'order' },
  inventory: { table: 'Product', delegate: 'product' },
  shipping: { table: 'Shipment', delegate: 'shipment' },
  email: { table: 'SentEmail', delegate: 'sentEmail' },
  history: { table: 'TimelineEntry', delegate: 'timelineEntry' },
  'slack-notifier': { table: 'SlackNotification', delegate: 'slackNotification' },
};

type ServiceClient = {
  $queryRawUnsafe<T>(sql: string): Promise<T>;
  $disconnect(): Promise<void>;
} & Record<string, { count(): Promise<number> }>;

describe("Prisma migrations on each service's own database", () => {
  it.each(DATABASE_SERVICES)('%s: migrates a fresh database, then queries it through its generated client', async (service) => {
    const database = await createScratchDatabase<ServiceClient>(service, { migrate: false });
    const { url, client: prisma } = database;
    try {
      expect(await migrate(service, url)).toMatch(/applied \d+_init.*applied \d+_messaging/s);
      expect(await migrate(service, url)).toMatch(/No pending migrations/);

      const applied = await prisma.$queryRawUnsafe<{ migration_name: string; finished: boolean }[]>(
        'SELECT migration_name, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(applied.slice(0, 2)).toEqual([
        { migration_name: expect.stringMatching(/_init$/), finished: true },
        { migration_name: expect.stringMatching(/_messaging$/), finished: true },
      ]);
      expect(applied.every((migration) => migration.finished)).toBe(true);
      const { table, delegate } = firstModel[service];
      const tables = await prisma.$queryRawUnsafe<{ tablename: string }[]>(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['_prisma_migrations', table, 'inbox', 'outbox']));
      expect(await prisma[delegate]!.count()).toEqual(expect.any(Number));
      expect(await prisma.outboxMessage!.count()).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
