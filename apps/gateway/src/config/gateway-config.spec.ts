import { ConfigError } from '@shop/runtime';
import { DEMO_OPERATOR_KEY } from '../auth/demo-credentials.js';
import { sha256Hex } from '../auth/operator-keys.js';
import { gatewayConfig } from './gateway-config.js';

describe('gateway config', () => {
  it('defaults to a 3 s request timeout, 256 KiB bodies, the catalog cache on (a minute at most), the real topics, Jaeger’s query API on loopback and no Jaeger UI, and the demo credentials of development', () => {
    expect(gatewayConfig.load({})).toMatchObject({
      DEPLOYMENT_ENVIRONMENT: 'development',
      GATEWAY_BODY_LIMIT_BYTES: 256 * 1024,
      GATEWAY_CATALOG_CACHE: 'on',
      GATEWAY_CATALOG_CACHE_MAX_AGE_MS: 60_000,
      AUTH_OPERATOR_KEY_SHA256: [sha256Hex(DEMO_OPERATOR_KEY)],
      GATEWAY_REQUEST_TIMEOUT_MS: 3_000,
      SHOP_TOPIC_NAMESPACE: '',
      JAEGER_QUERY_URL: 'http://127.0.0.1:16686',
      JAEGER_UI_URL: '',
    });
  });

  it('reads every setting; a trailing slash of a Jaeger URL goes', () => {
    expect(
      gatewayConfig.load({
        GATEWAY_REQUEST_TIMEOUT_MS: '500',
        GATEWAY_BODY_LIMIT_BYTES: '4096',
        GATEWAY_CATALOG_CACHE: 'off',
        GATEWAY_CATALOG_CACHE_MAX_AGE_MS: '5000',
        SHOP_TOPIC_NAMESPACE: 'it.abc_1.',
        JAEGER_QUERY_URL: 'http://jaeger:16686/',
        JAEGER_UI_URL: 'https://jaeger.example.com/ui/',
      }),
    ).toMatchObject({ GATEWAY_REQUEST_TIMEOUT_MS: 500, GATEWAY_BODY_LIMIT_BYTES: 4096, GATEWAY_CATALOG_CACHE: 'off', GATEWAY_CATALOG_CACHE_MAX_AGE_MS: 5_000, SHOP_TOPIC_NAMESPACE: 'it.abc_1.', JAEGER_QUERY_URL: 'http://jaeger:16686', JAEGER_UI_URL: 'https://jaeger.example.com/ui' });
  });

  it('reads operators’ keys as a list of SHA-256 hashes, and refuses anything else', () => {
    const [a, b] = ['a'.repeat(64), 'B'.repeat(64)];
    expect(gatewayConfig.load({ AUTH_OPERATOR_KEY_SHA256: ` ${a}, ${b} ` }).AUTH_OPERATOR_KEY_SHA256).toEqual([a, b.toLowerCase()]);
    expect(() => gatewayConfig.load({ AUTH_OPERATOR_KEY_SHA256: 'demo-operator-key' })).toThrow(/AUTH_OPERATOR_KEY_SHA256\.0: expected the SHA-256/);
    expect(() => gatewayConfig.load({ AUTH_JWT_SECRET: 'short' })).toThrow(/AUTH_JWT_SECRET: at least 32/);
  });

  it('refuses a Jaeger URL that is not http(s); only the UI’s may be empty (no UI)', () => {
    expect(() => gatewayConfig.load({ JAEGER_UI_URL: 'javascript:alert(1)' })).toThrow(/JAEGER_UI_URL: /);
    expect(() => gatewayConfig.load({ JAEGER_QUERY_URL: 'ftp://jaeger:16686' })).toThrow(/JAEGER_QUERY_URL: /);
    expect(() => gatewayConfig.load({ JAEGER_QUERY_URL: '' })).toThrow(/JAEGER_QUERY_URL: /);
    expect(gatewayConfig.load({ JAEGER_UI_URL: '' }).JAEGER_UI_URL).toBe('');
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
