import { z } from 'zod';
import { defineAppConfig } from './app-config.js';
import { ConfigError, loadConfig } from './service-config.js';
import { startupConfigSchema } from './startup-config.js';

const service = { SERVICE_NAME: 'order', PORT: '3001', KAFKA_BROKERS: '127.0.0.1:9092' };
const databaseUrl = 'postgresql://shop_order:pw@127.0.0.1:55432/shop_order';
const appConfig = defineAppConfig(z.object({ EXAMPLE_URL: z.url() }));

/** The problems loadConfig names, one a line. */
function problems(attempt: () => unknown): string {
  try {
    attempt();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.join('\n');
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('startupConfigSchema', () => {
  it('requires DATABASE_URL of an app with a database, naming it with every other problem at once', () => {
    const schema = startupConfigSchema({ database: true, config: appConfig });
    const named = problems(() => loadConfig(schema, { ...service, PORT: 'eighty' }));
    expect(named).toMatch(/^PORT: /m);
    expect(named).toMatch(/^DATABASE_URL: /m);
    expect(named).toMatch(/^EXAMPLE_URL: /m);
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL', () => {
    const schema = startupConfigSchema({ database: true });
    expect(problems(() => loadConfig(schema, { ...service, DATABASE_URL: 'mysql://u:p@127.0.0.1:3306/shop' }))).toMatch(/^DATABASE_URL: /m);
    expect(problems(() => loadConfig(schema, { ...service, DATABASE_URL: 'not a url' }))).toMatch(/^DATABASE_URL: /m);
    expect(loadConfig(schema, { ...service, DATABASE_URL: databaseUrl })).toMatchObject({ DATABASE_URL: databaseUrl, PORT: 3001 });
  });

  it('neither requires nor reads DATABASE_URL for an app without a database', () => {
    const schema = startupConfigSchema({ database: false, config: appConfig });
    expect(Object.keys(schema.shape)).not.toContain('DATABASE_URL');
    const config = loadConfig(schema, { ...service, EXAMPLE_URL: 'https://example.com' });
    expect(config).toEqual({
      SERVICE_NAME: 'order',
      HOST: '127.0.0.1',
      PORT: 3001,
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      EXAMPLE_URL: 'https://example.com',
      // Every app reads the retention of the runtime's tables (retention-config.ts), database or not.
      SHOP_OUTBOX_RETENTION_S: 86_400,
      SHOP_INBOX_WINDOW_S: 604_800,
      SHOP_PRUNE_INTERVAL_S: 60,
    });
    // Set anyway (a stale deployment), it is not used, so not checked.
    expect(loadConfig(schema, { ...service, EXAMPLE_URL: 'https://example.com', DATABASE_URL: 'nonsense' })).not.toHaveProperty('DATABASE_URL');
    expect(problems(() => loadConfig(schema, { SERVICE_NAME: 'edge' }))).not.toMatch(/DATABASE_URL/);
  });
});
