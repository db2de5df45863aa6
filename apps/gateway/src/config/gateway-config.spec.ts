import { loadGatewaySettings } from './gateway-config.js';

const service = {
  SERVICE_NAME: 'gateway',
  PORT: '3000',
  DATABASE_URL: 'postgresql://shop_gateway:pw@127.0.0.1:55432/shop_gateway',
  KAFKA_BROKERS: '127.0.0.1:9092',
};

describe('loadGatewaySettings', () => {
  it('defaults to a 3 s request timeout and the real topics', () => {
    expect(loadGatewaySettings(service)).toEqual({ GATEWAY_REQUEST_TIMEOUT_MS: 3_000, GATEWAY_REQUEST_TOPIC_PREFIX: '' });
  });

  it('reads both settings', () => {
    expect(
      loadGatewaySettings({ ...service, GATEWAY_REQUEST_TIMEOUT_MS: '500', GATEWAY_REQUEST_TOPIC_PREFIX: 'it.abc_1.' }),
    ).toEqual({ GATEWAY_REQUEST_TIMEOUT_MS: 500, GATEWAY_REQUEST_TOPIC_PREFIX: 'it.abc_1.' });
  });

  it('names every bad setting at once, service ones included', () => {
    expect(() =>
      loadGatewaySettings({ ...service, PORT: 'x', GATEWAY_REQUEST_TIMEOUT_MS: '2.5', GATEWAY_REQUEST_TOPIC_PREFIX: 'no dot' }),
    ).toThrow(/PORT: .*\n.*GATEWAY_REQUEST_TIMEOUT_MS: .*\n.*GATEWAY_REQUEST_TOPIC_PREFIX: expected dot-terminated/s);
  });
});
