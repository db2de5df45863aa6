import { MAX_LINES, type OrderMix, planOrder } from './order-mix.ts';

const mix: OrderMix = {
  customers: ['load-1', 'load-2', 'load-3', 'load-4'],
  skus: ['MUG', 'TEE', 'CAP', 'BAG', 'PEN'],
  overStockShare: 0.05,
  cancelShare: 0.05,
  stockCeiling: () => 1_000,
};

/** A seeded generator (mulberry32), so the shares are checked on a fixed sequence. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe('planOrder', () => {
  const orders = Array.from({ length: 10_000 }, ((random) => () => planOrder(mix, random))(seeded(42)));

  it('asks for 1 to 3 lines of distinct skus of the run, every line count about as often', () => {
    const byLines = [0, 0, 0, 0];
    for (const order of orders) byLines[order.items.length]!++;
    expect(byLines[0]! + byLines[1]! + byLines[2]! + byLines[3]!).toBe(orders.length);
    expect(MAX_LINES).toBe(3);
    expect(orders.filter((order) => new Set(order.items.map((item) => item.sku)).size !== order.items.length)).toEqual([]);
    expect(new Set(orders.flatMap((order) => order.items.map((item) => item.sku)))).toEqual(new Set(mix.skus));
    for (const lines of [1, 2, 3]) expect(byLines[lines]! / orders.length).toBeCloseTo(1 / 3, 1);
  });

  it('puts a line over the stock ceiling in the share asked for, and ordinary quantities elsewhere', () => {
    const overStock = orders.filter((order) => order.overStock);
    expect(overStock.length / orders.length).toBeCloseTo(0.05, 2);
    expect(new Set(overStock.map((order) => order.items[0]!.quantity))).toEqual(new Set([1_001]));
    const ordinary = orders.filter((order) => !order.overStock).flatMap((order) => order.items.map((item) => item.quantity));
    expect(new Set(ordinary)).toEqual(new Set([1, 2]));
  });

  it('cancels about the share asked for, never an order meant to be rejected', () => {
    const cancelled = orders.filter((order) => order.cancel);
    expect(cancelled.length / orders.length).toBeCloseTo(0.05 * 0.95, 2);
    expect(cancelled.some((order) => order.overStock)).toBe(false);
  });

  it('spreads the orders over every customer', () => {
    const customers = new Set(orders.map((order) => order.customerId));
    expect([...customers].sort()).toEqual([...mix.customers].sort());
  });

  it('places nothing odd when there are fewer skus than lines, or no share at all', () => {
    const one = planOrder({ ...mix, skus: ['MUG'], overStockShare: 0, cancelShare: 0 }, seeded(7));
    expect(one).toMatchObject({ items: [{ sku: 'MUG' }], overStock: false, cancel: false });
  });
});
