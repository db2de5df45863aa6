import { ConfigError } from '@shop/runtime';
import { shippingConfig } from './shipping-config.js';

describe('shipping config', () => {
  it('defaults to a 2 s dispatch delay and the default countries', () => {
    expect(shippingConfig.load({})).toEqual({
      SHIPPING_DISPATCH_DELAY_MS: 2000,
      SHIPPING_COUNTRIES: ['GB', 'FR', 'DE', 'NL', 'BE', 'IE', 'ES', 'IT', 'US'],
    });
  });

  it('reads a delay and a country list, tolerating spaces and lower case', () => {
    const config = shippingConfig.load({ SHIPPING_DISPATCH_DELAY_MS: '150', SHIPPING_COUNTRIES: ' de, fr ,' });
    expect(config).toEqual({ SHIPPING_DISPATCH_DELAY_MS: 150, SHIPPING_COUNTRIES: ['DE', 'FR'] });
  });

  it('names every bad setting at once', () => {
    const load = () => shippingConfig.load({ SHIPPING_DISPATCH_DELAY_MS: '-1', SHIPPING_COUNTRIES: 'DE,Germany' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SHIPPING_DISPATCH_DELAY_MS: .*\n.*SHIPPING_COUNTRIES\.1: expected ISO 3166-1 alpha-2/);
  });

  it('refuses a delay that is not a whole number of milliseconds, and an empty country list', () => {
    expect(() => shippingConfig.load({ SHIPPING_DISPATCH_DELAY_MS: '2s' })).toThrow(/SHIPPING_DISPATCH_DELAY_MS/);
    expect(() => shippingConfig.load({ SHIPPING_COUNTRIES: ' , ' })).toThrow(/SHIPPING_COUNTRIES/);
  });
});
