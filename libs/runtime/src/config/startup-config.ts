import type { z } from 'zod';
import type { AppConfig } from './app-config.js';
import { retentionConfigSchema } from './retention-config.js';
import { databaseConfigSchema, serviceConfigSchema } from './service-config.js';

export interface StartupConfigOptions {
  /** The app has a database of its own (appHasDatabase: its package.json says so). */
  database: boolean;
  /** The app's own settings (defineAppConfig). */
  config?: AppConfig;
}

/**
 * Everything an app is checked against before it starts, in one schema so that
 * every bad or missing setting is named at once: every service's settings and
 * the runtime's retention settings, DATABASE_URL exactly when the app has a
 * database, and the app's own.
 */
export function startupConfigSchema({ database, config }: StartupConfigOptions): z.ZodObject {
  const everyService = serviceConfigSchema.extend(retentionConfigSchema.shape);
  const withDatabase = database ? everyService.extend(databaseConfigSchema.shape) : everyService;
  return config ? withDatabase.extend(config.schema.shape) : withDatabase;
}
