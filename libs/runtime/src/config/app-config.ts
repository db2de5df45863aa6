import type { FactoryProvider } from '@nestjs/common';
import type { z } from 'zod';
import { loadConfig } from './service-config.js';

type Env = Record<string, string | undefined>;

/** An app's own settings (on top of every service's), defined once in `src/config/<app>-config.ts`. */
export interface AppConfig<Schema extends z.ZodObject = z.ZodObject> {
  /** The variables it reads; e2e/compose checks that deployments set each one (see deployment-environment.ts). */
  readonly schema: Schema;
  /** Inject the settings with `@Inject(config.token)`. */
  readonly token: symbol;
  /** List it among the app module's providers to make `token` injectable. */
  readonly provider: FactoryProvider<z.infer<Schema>>;
  /**
   * The settings from `env`, every bad or missing variable named at once
   * (ConfigError). From the process's environment they are read once, so code
   * that needs them before Nest builds the app (a topic in a decorator) and the
   * injected ones agree.
   */
  load(env?: Env): z.infer<Schema>;
}

/**
 * Defines an app's own settings. `runService(Module, { config })` checks them
 * together with the service's before anything starts, every problem named at once.
 */
export function defineAppConfig<Schema extends z.ZodObject>(schema: Schema): AppConfig<Schema> {
  let fromProcess: z.infer<Schema> | undefined;
  const load = (env?: Env): z.infer<Schema> => (env ? loadConfig(schema, env) : (fromProcess ??= loadConfig(schema)));
  const token = Symbol('AppConfig');
  return { schema, token, provider: { provide: token, useFactory: () => load() }, load };
}
