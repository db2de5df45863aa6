import { MixedCurrencyError, planReservation, type StockedProduct } from './reservation-plan.js';

const mug: StockedProduct = { sku: 'MUG', name: 'Mug', priceCents: 1250, currency: 'EUR', stock: 5 };
const tee: StockedProduct = { sku: 'TEE', name: 'T-Shirt', priceCents: 2490, currency: 'EUR', stock: 1 };

describe('planReservation', () => {
  it('prices every line at the catalog price and totals them, in the order of the items', () => {
    expect(planReservation([{ sku: 'TEE', quantity: 1 }, { sku: 'MUG', quantity: 2 }], [mug, tee])).toEqual({
      kind: 'reserve',
      lines: [
        { sku: 'TEE', name: 'T-Shirt', quantity: 1, unitPriceCents: 2490 },
        { sku: 'MUG', name: 'Mug', quantity: 2, unitPriceCents: 1250 },
      ],
      currency: 'EUR',
      totalCents: 4990,
    });
  });

  it('reserves the last units exactly', () => {
    expect(planReservation([{ sku: 'MUG', quantity: 5 }], [mug])).toMatchObject({ kind: 'reserve', totalCents: 6250 });
  });

  it('refuses the whole order when one line lacks stock, naming the shortage', () => {
    expect(planReservation([{ sku: 'MUG', quantity: 1 }, { sku: 'TEE', quantity: 2 }], [mug, tee])).toEqual({
      kind: 'refuse',
      shortages: [{ sku: 'TEE', requested: 2, available: 1 }],
      unknownSkus: [],
    });
  });

  it('names unknown skus and shortages together', () => {
    const plan = planReservation([{ sku: 'NOPE', quantity: 1 }, { sku: 'TEE', quantity: 3 }, { sku: 'MUG', quantity: 1 }], [mug, tee]);
    expect(plan).toEqual({ kind: 'refuse', shortages: [{ sku: 'TEE', requested: 3, available: 1 }], unknownSkus: ['NOPE'] });
  });

  it('treats a sold-out product as a shortage with nothing available', () => {
    const soldOut = { ...mug, stock: 0 };
    expect(planReservation([{ sku: 'MUG', quantity: 1 }], [soldOut])).toEqual({
      kind: 'refuse',
      shortages: [{ sku: 'MUG', requested: 1, available: 0 }],
      unknownSkus: [],
    });
  });

  it('throws rather than guess a currency when the order mixes currencies', () => {
    const pricedInGbp = { ...tee, currency: 'GBP' };
    expect(() => planReservation([{ sku: 'MUG', quantity: 1 }, { sku: 'TEE', quantity: 1 }], [mug, pricedInGbp])).toThrow(
      MixedCurrencyError,
    );
  });
});
