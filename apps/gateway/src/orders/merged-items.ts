import type { OrderItem } from '@shop/event-contracts';

/**
 * The same sku on two lines is one line with the quantities added, in the
 * place of its first line: what the client asked for, in the shape the order
 * contract wants (each sku once, so no consumer ever merges lines).
 */
export function mergeItemsBySku(items: readonly OrderItem[]): OrderItem[] {
  const bySku = new Map<string, OrderItem>();
  for (const { sku, quantity } of items) {
    const line = bySku.get(sku);
    bySku.set(sku, { sku, quantity: (line?.quantity ?? 0) + quantity });
  }
  return [...bySku.values()];
}
