import { loadGatewaySettings } from './gateway-config.js';

const service = {
  SERVICE_NAME: 'gateway',
  PORT: '3000',
  DATABASE_URL: 'postgresql://shop_gateway:pw@127.0.0.1:55432/shop_gateway',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('loadGatewaySettings', () => {
  it('defaults to a 3 s request timeout, the real topics and Jaeger on localhost', () => {
    expect(loadGatewaySettings(service)).toEqual({
      GATEWAY_REQUEST_TIMEOUT_MS: 3_000,
      SHOP_TOPIC_NAMESPACE: '',
      JAEGER_UI_URL: 'http://localhost:16686',
    });
  });

  it('reads every setting; a trailing slash of the Jaeger URL goes', () => {
    expect(
      loadGatewaySettings({
        ...service,
        GATEWAY_REQUEST_TIMEOUT_MS: '500',
        SHOP_TOPIC_NAMESPACE: 'it.abc_1.',
        JAEGER_UI_URL: 'https://jaeger.example.com/ui/',
      }),
    ).toEqual({ GATEWAY_REQUEST_TIMEOUT_MS: 500, SHOP_TOPIC_NAMESPACE: 'it.abc_1.', JAEGER_UI_URL: 'https://jaeger.example.com/ui' });
  });

  it('refuses a Jaeger URL that is not http(s)', () => {
    expect(() => loadGatewaySettings({ ...service, JAEGER_UI_URL: 'javascript:alert(1)' })).toThrow(/JAEGER_UI_URL: /);
  });

  it('names every bad setting at once, service ones included', () => {
    expect(() =>
      loadGatewaySettings({ ...service, PORT: 'x', GATEWAY_REQUEST_TIMEOUT_MS: '2.5', SHOP_TOPIC_NAMESPACE: 'no dot' }),
    ).toThrow(/PORT: .*\n.*GATEWAY_REQUEST_TIMEOUT_MS: .*\n.*SHOP_TOPIC_NAMESPACE: expected dot-terminated/s);
  });
});
