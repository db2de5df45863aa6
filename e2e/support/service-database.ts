import pg from 'pg';
import { type ServiceName, serviceDatabaseUrl } from './environment.js';

/** Runs `use` on a connection to a service's own database, as its role, and closes it. */
export async function withServiceDatabase<T>(service: ServiceName, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl(service) });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
