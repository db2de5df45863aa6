import { kafkaCredentials } from './kafka-credentials.js';

describe('kafkaCredentials', () => {
  it('gives no login when neither variable is set (a broker without authentication)', () => {
    expect(kafkaCredentials({})).toEqual({});
    expect(kafkaCredentials({ KAFKA_SASL_USERNAME: '', KAFKA_SASL_PASSWORD: '' })).toEqual({});
  });

  it('gives a SCRAM-SHA-512 login from the username and password', () => {
    expect(kafkaCredentials({ KAFKA_SASL_USERNAME: 'order', KAFKA_SASL_PASSWORD: 's3cret' })).toEqual({
      sasl: { mechanism: 'scram-sha-512', username: 'order', password: 's3cret' },
    });
  });

  it('refuses one variable without the other', () => {
    expect(() => kafkaCredentials({ KAFKA_SASL_USERNAME: 'order' })).toThrow(/only the username is set/);
    expect(() => kafkaCredentials({ KAFKA_SASL_PASSWORD: 's3cret' })).toThrow(/only the password is set/);
  });
});
