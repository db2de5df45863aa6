import { ConfigError, databaseConfigSchema, loadConfig, serviceConfigSchema } from './service-config.js';

const valid = {
  SERVICE_NAME: 'order',
  PORT: '3001',
  KAFKA_BROKERS: '127.0.0.1:9092, 127.0.0.1:9094',
};

describe('loadConfig', () => {
  it('parses and normalises a valid environment', () => {
    const config = loadConfig(serviceConfigSchema, valid);
    expect(config.PORT).toBe(3001);
    expect(config.HOST).toBe('127.0.0.1');
    expect(config.KAFKA_BROKERS).toEqual(['127.0.0.1:9092', '127.0.0.1:9094']);
  });

  it('names every missing or malformed variable in one error', () => {
    const attempt = () => loadConfig(serviceConfigSchema, { ...valid, PORT: 'eighty', SERVICE_NAME: undefined, KAFKA_BROKERS: 'kafka' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^PORT: /m);
      expect(problems).toMatch(/^SERVICE_NAME: /m);
      expect(problems).toMatch(/^KAFKA_BROKERS: expected host:port/m);
    }
  });

  it("leaves the database to the services that have one: DATABASE_URL is the database settings' alone", () => {
    expect(Object.keys(serviceConfigSchema.shape)).not.toContain('DATABASE_URL');
    expect(Object.keys(databaseConfigSchema.shape)).toEqual(['DATABASE_URL']);
    const url = 'postgresql://shop_order:pw@127.0.0.1:55432/shop_order';
    expect(loadConfig(databaseConfigSchema, { DATABASE_URL: url })).toEqual({ DATABASE_URL: url });
    expect(() => loadConfig(databaseConfigSchema, {})).toThrow(/DATABASE_URL: /);
  });
});
