import pg from 'pg';
import { serviceDatabaseUrl } from './environment.js';

/**
 * Test arrangement only: puts a product with a known stock into the inventory's
 * own database (the shop has no admin API for stock), and reads stock back.
 */
export async function withInventoryDatabase<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serviceDatabaseUrl('inventory') });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export function addProduct(sku: string, stock: number, priceCents = 1_000): Promise<void> {
  return withInventoryDatabase(async (client) => {
    await client.query(
      'INSERT INTO "Product" (sku, name, "priceCents", stock, "updatedAt") VALUES ($1, $2, $3, $4, now())',
      [sku, `Test product ${sku}`, priceCents, stock],
    );
  });
}

export function stockOf(sku: string): Promise<number> {
  return withInventoryDatabase(async (client) => {
    const { rows } = await client.query<{ stock: number }>('SELECT stock FROM "Product" WHERE sku = $1', [sku]);
    return rows[0]!.stock;
  });
}
