import { ConfigError } from '@shop/runtime';
import { gatewayConfig } from './gateway-config.js';

describe('gateway config', () => {
  it('defaults to a 3 s request timeout, the catalog cache on (a minute at most), the real topics and Jaeger on localhost', () => {
    expect(gatewayConfig.load({})).toEqual({
      GATEWAY_REQUEST_TIMEOUT_MS: 3_000,
      GATEWAY_CATALOG_CACHE: 'on',
      GATEWAY_CATALOG_CACHE_MAX_AGE_MS: 60_000,
      SHOP_TOPIC_NAMESPACE: '',
      JAEGER_UI_URL: 'http://localhost:16686',
    });
  });

  it('reads every setting; a trailing slash of the Jaeger URL goes', () => {
    expect(
      gatewayConfig.load({
        GATEWAY_REQUEST_TIMEOUT_MS: '500',
        GATEWAY_CATALOG_CACHE: 'off',
        GATEWAY_CATALOG_CACHE_MAX_AGE_MS: '5000',
        SHOP_TOPIC_NAMESPACE: 'it.abc_1.',
        JAEGER_UI_URL: 'https://jaeger.example.com/ui/',
      }),
    ).toEqual({
      GATEWAY_REQUEST_TIMEOUT_MS: 500,
      GATEWAY_CATALOG_CACHE: 'off',
      GATEWAY_CATALOG_CACHE_MAX_AGE_MS: 5_000,
      SHOP_TOPIC_NAMESPACE: 'it.abc_1.',
      JAEGER_UI_URL: 'https://jaeger.example.com/ui',
    });
  });

  it('refuses a Jaeger URL that is not http(s)', () => {
    expect(() => gatewayConfig.load({ JAEGER_UI_URL: 'javascript:alert(1)' })).toThrow(/JAEGER_UI_URL: /);
  });

  it('refuses a catalog cache setting other than on or off, and a max age under a second', () => {
    expect(() => gatewayConfig.load({ GATEWAY_CATALOG_CACHE: 'yes' })).toThrow(/GATEWAY_CATALOG_CACHE: /);
    expect(() => gatewayConfig.load({ GATEWAY_CATALOG_CACHE_MAX_AGE_MS: '0' })).toThrow(/GATEWAY_CATALOG_CACHE_MAX_AGE_MS: /);
  });

  it('names every bad setting at once', () => {
    const load = () => gatewayConfig.load({ GATEWAY_REQUEST_TIMEOUT_MS: '2.5', SHOP_TOPIC_NAMESPACE: 'no dot' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/GATEWAY_REQUEST_TIMEOUT_MS: .*\n.*SHOP_TOPIC_NAMESPACE: expected dot-terminated/s);
  });
});
