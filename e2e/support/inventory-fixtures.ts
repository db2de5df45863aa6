import type pg from 'pg';
import { withServiceDatabase } from './service-database.js';

/**
 * Test arrangement only: puts a product with a known stock into the inventory's
 * own database (the shop has no admin API for stock), and reads stock back.
 */
export function withInventoryDatabase<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  return withServiceDatabase('inventory', use);
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
