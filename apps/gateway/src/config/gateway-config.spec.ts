import { ConfigError } from '@shop/runtime';
import { gatewayConfig } from './gateway-config.js';

describe('gateway config', () => {
  it('defaults to a 3 s request timeout, 256 KiB bodies, the real topics and Jaeger on localhost', () => {
    expect(gatewayConfig.load({})).toEqual({
      GATEWAY_REQUEST_TIMEOUT_MS: 3_000,
      GATEWAY_BODY_LIMIT_BYTES: 262_144,
      SHOP_TOPIC_NAMESPACE: '',
      JAEGER_UI_URL: 'http://localhost:16686',
    });
  });

  it('reads every setting; a trailing slash of the Jaeger URL goes', () => {
    expect(
      gatewayConfig.load({
        GATEWAY_REQUEST_TIMEOUT_MS: '500',
        GATEWAY_BODY_LIMIT_BYTES: '4096',
        SHOP_TOPIC_NAMESPACE: 'it.abc_1.',
        JAEGER_UI_URL: 'https://jaeger.example.com/ui/',
      }),
    ).toEqual({
      GATEWAY_REQUEST_TIMEOUT_MS: 500,
      GATEWAY_BODY_LIMIT_BYTES: 4096,
      SHOP_TOPIC_NAMESPACE: 'it.abc_1.', JAEGER_UI_URL: 'https://jaeger.example.com/ui',
    });
  });

  it('refuses a Jaeger URL that is not http(s)', () => {
    expect(() => gatewayConfig.load({ JAEGER_UI_URL: 'javascript:alert(1)' })).toThrow(/JAEGER_UI_URL: /);
  });

  it('names every bad setting at once', () => {
    const load = () => gatewayConfig.load({ GATEWAY_REQUEST_TIMEOUT_MS: '2.5', SHOP_TOPIC_NAMESPACE: 'no dot' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/GATEWAY_REQUEST_TIMEOUT_MS: .*\n.*SHOP_TOPIC_NAMESPACE: expected dot-terminated/s);
  });
});
