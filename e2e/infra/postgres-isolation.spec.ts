import pg from 'pg';
import { DATABASE_SERVICES, serviceDatabase, serviceDatabaseUrl } from '../support/environment.js';

async function query(connectionString: string, sql: string) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('PostgreSQL: one database and one role per service with a database', () => {
  it.each(DATABASE_SERVICES)('lets %s open its own database', async (service) => {
    const [row] = await query(serviceDatabaseUrl(service), 'SELECT current_user, current_database()');
    expect(row).toEqual({ current_user: serviceDatabase(service).role, current_database: serviceDatabase(service).name });
  });

  it.each(DATABASE_SERVICES.map((service, i) => [service, DATABASE_SERVICES[(i + 1) % DATABASE_SERVICES.length]!] as const))(
    "refuses %s's role on %s's database",
    async (service, other) => {
      await expect(query(serviceDatabaseUrl(service, serviceDatabase(other).name), 'SELECT 1')).rejects.toThrow(
        /permission denied for database/,
      );
    },
  );
});
