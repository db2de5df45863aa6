import type { z } from 'zod';

/**
 * Every variable an app reads at start-up is declared in a zod schema: the
 * service's (serviceConfigSchema), the runtime's (telemetryConfigSchema) and the
 * app's own (defineAppConfig), exported from `apps/<app>/src/config/<app>-config.ts`.
 * Both ways of running the shop set each one under the same name, ./shop up
 * (`service_env` in infra/lib/services.sh) and docker-compose.yml, except the
 * variables marked here: test hooks and standard alternative names, which the
 * code honours when present and deployments leave unset. e2e/compose/ checks
 * both directions.
 */
const LEFT_UNSET = 'leftUnsetByDeployments';

/** Marks a declared variable that deployments leave unset, saying why. */
export function leftUnsetByDeployments<Schema extends z.ZodType>(schema: Schema, why: string): Schema {
  return schema.meta({ [LEFT_UNSET]: why }) as Schema;
}

/** Why deployments leave this variable unset, or undefined when they set it. */
export function whyLeftUnsetByDeployments(schema: z.ZodType): string | undefined {
  const why = schema.meta()?.[LEFT_UNSET];
  return typeof why === 'string' ? why : undefined;
}
