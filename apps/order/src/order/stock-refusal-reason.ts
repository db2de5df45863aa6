import type { StockRefusal } from './order-record.js';
import { fitReason } from './status-reason.js';

/**
 * One line for people (the order's statusReason) saying why the stock was
 * refused, e.g. `not enough stock: MUG-01 (requested 3, available 1); unknown skus: FOO`.
 * The event keeps the full detail; this is cut to fit.
 */
export function stockRefusalReason({ shortages, unknownSkus }: StockRefusal): string {
  const parts: string[] = [];
  if (shortages.length > 0) {
    const items = shortages.map(({ sku, requested, available }) => `${sku} (requested ${requested}, available ${available})`);
    parts.push(`not enough stock: ${items.join(', ')}`);
  }
  if (unknownSkus.length > 0) parts.push(`unknown skus: ${unknownSkus.join(', ')}`);
  return fitReason(parts.join('; ') || 'stock unavailable');
}

