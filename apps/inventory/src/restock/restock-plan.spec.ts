import { MAX_RESTOCK_QUANTITY } from '@shop/event-contracts';
import { MAX_STOCK, planRestock } from './restock-plan.js';

describe('planRestock', () => {
  it('adds the units to the locked stock', () => {
    expect(planRestock({ stock: 0 }, 25)).toEqual({ kind: 'restock', stock: 25 });
    expect(planRestock({ stock: 7 }, 1)).toEqual({ kind: 'restock', stock: 8 });
  });

  it('names an unknown sku', () => {
    expect(planRestock(undefined, 5)).toEqual({ kind: 'unknown-sku' });
  });

  it('refuses to pass what the stock column holds, up to which it restocks', () => {
    expect(planRestock({ stock: MAX_STOCK - MAX_RESTOCK_QUANTITY }, MAX_RESTOCK_QUANTITY)).toEqual({ kind: 'restock', stock: MAX_STOCK });
    expect(planRestock({ stock: MAX_STOCK - 1 }, 2)).toEqual({ kind: 'over-capacity', stock: MAX_STOCK - 1, max: MAX_STOCK });
  });
});
