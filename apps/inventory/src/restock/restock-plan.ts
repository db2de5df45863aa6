/**
 * The most units a product's stock can hold: the inventory stores it in a
 * PostgreSQL integer (32 bits). A restock that would pass it is refused with a
 * reply, not left to fail in the database as an internal error.
 */
export const MAX_STOCK = 2_147_483_647;

export type RestockPlan =
  | { kind: 'unknown-sku' }
  | { kind: 'over-capacity'; stock: number; max: number }
  | { kind: 'restock'; stock: number };

/** What a restock of `quantity` units does to a product (undefined: not in the catalog), decided on its locked row. */
export function planRestock(product: { stock: number } | undefined, quantity: number): RestockPlan {
  if (!product) return { kind: 'unknown-sku' };
  const stock = product.stock + quantity;
  return stock > MAX_STOCK ? { kind: 'over-capacity', stock: product.stock, max: MAX_STOCK } : { kind: 'restock', stock };
}
