// What each order of the load asks for: a customer, 1-3 lines of the run's
// skus, and whether it is meant to be refused (a quantity over any stock the
// sku can have) or cancelled right after its 202, in the shares asked for.

export interface OrderMix {
  customers: readonly string[];
  skus: readonly string[];
  /** Share of orders with a line over stock, so the saga rejects them (0..1). */
  overStockShare: number;
  /** Share of accepted orders the customer cancels right after the 202 (0..1). */
  cancelShare: number;
  /**
   * The most stock a sku reaches (the stock keeper restocks up to it): a line
   * above it is over stock whatever the sku's stock is when the order arrives.
   */
  stockCeiling: (sku: string) => number;
}

export interface PlannedOrder {
  customerId: string;
  items: { sku: string; quantity: number }[];
  overStock: boolean;
  cancel: boolean;
}

export const MAX_LINES = 3;
/** An ordinary line asks for 1 or 2 units: the stock keeper keeps up with that. */
const MAX_ORDINARY_QUANTITY = 2;

/** One order; `random` is Math.random unless a test fixes it. */
export function planOrder(mix: OrderMix, random: () => number = Math.random): PlannedOrder {
  const pick = <T>(from: readonly T[]): T => from[Math.floor(random() * from.length)]!;
  const lineCount = Math.min(mix.skus.length, 1 + Math.floor(random() * MAX_LINES));
  const skus = [...mix.skus];
  const items = Array.from({ length: lineCount }, () => {
    const sku = skus.splice(Math.floor(random() * skus.length), 1)[0]!;
    return { sku, quantity: 1 + Math.floor(random() * MAX_ORDINARY_QUANTITY) };
  });
  const overStock = random() < mix.overStockShare;
  if (overStock) items[0]!.quantity = mix.stockCeiling(items[0]!.sku) + 1;
  // An order meant to be rejected is not cancelled: its decision is the rejection.
  const cancel = !overStock && random() < mix.cancelShare;
  return { customerId: pick(mix.customers), items, overStock, cancel };
}
