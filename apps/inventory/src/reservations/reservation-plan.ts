import type { OrderItem, PricedLine, StockShortage } from '@shop/event-contracts';

/** A catalog row as read (and locked) when an order is reserved. */
export interface StockedProduct {
  sku: string;
  name: string;
  priceCents: number;
  currency: string;
  stock: number;
}

export type ReservationPlan =
  | { kind: 'reserve'; lines: PricedLine[]; currency: string; totalCents: number }
  | { kind: 'refuse'; shortages: StockShortage[]; unknownSkus: string[] };

/** The catalog holds products priced in several currencies and an order mixes them: not a refusal, a catalog error. */
export class MixedCurrencyError extends Error {
  constructor(readonly currencies: string[]) {
    super(`the order mixes products priced in ${currencies.join(', ')}; an order has one currency`);
  }
}

/**
 * All or nothing: every item is reserved at the catalog's current price, or
 * the order is refused with every shortage and unknown sku named. Lines keep
 * the order's item order.
 */
export function planReservation(items: readonly OrderItem[], products: readonly StockedProduct[]): ReservationPlan {
  const bySku = new Map(products.map((product) => [product.sku, product]));
  const shortages: StockShortage[] = [];
  const unknownSkus: string[] = [];
  const lines: PricedLine[] = [];
  for (const { sku, quantity } of items) {
    const product = bySku.get(sku);
    if (!product) unknownSkus.push(sku);
    else if (product.stock < quantity) shortages.push({ sku, requested: quantity, available: Math.max(product.stock, 0) });
    else lines.push({ sku, name: product.name, quantity, unitPriceCents: product.priceCents });
  }
  if (shortages.length > 0 || unknownSkus.length > 0) return { kind: 'refuse', shortages, unknownSkus };

  const currencies = [...new Set(lines.map((line) => bySku.get(line.sku)!.currency))];
  if (currencies.length !== 1) throw new MixedCurrencyError(currencies);
  const totalCents = lines.reduce((total, line) => total + line.quantity * line.unitPriceCents, 0);
  return { kind: 'reserve', lines, currency: currencies[0]!, totalCents };
}
