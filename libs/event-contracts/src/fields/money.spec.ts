import fc from 'fast-check';
import { formatMoney } from './money.js';

describe('formatMoney', () => {
  it('reads minor units in the currency given, in British English conventions', () => {
    expect(formatMoney(1250, 'EUR')).toBe('€12.50');
    expect(formatMoney(1999, 'GBP')).toBe('£19.99');
    expect(formatMoney(123456, 'USD')).toBe('US$1,234.56');
    expect(formatMoney(0, 'EUR')).toBe('€0.00');
  });

  it('gives each currency its own formatter, whatever order they come in', () => {
    const currencies = fc.constantFrom('EUR', 'GBP', 'USD', 'CHF');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(10_000_000), currencies), { maxLength: 20 }), (amounts) => {
        for (const [cents, currency] of amounts) {
          expect(formatMoney(cents, currency)).toBe(new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100));
        }
      }),
    );
  });
});
