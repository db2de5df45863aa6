import { z } from 'zod';

/** Settings every service reads at start-up; names match infra/env.sh and docker-compose.yml. */
export const serviceConfigSchema = z.object({
  SERVICE_NAME: z.string().min(1),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535),
  KAFKA_BROKERS: z
    .string()
    .regex(/^\s*[^\s:,]+:\d+\s*(,\s*[^\s:,]+:\d+\s*)*$/, 'expected host:port[,host:port...]')
    .transform((value) => value.split(',').map((broker) => broker.trim())),
  // The service's own Kafka login, read where every client is made (kafka/kafka-credentials.ts): set
  // natively (infra/kafka/credentials.sh), in compose and by the chart; neither, a broker that takes anyone.
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/**
 * What a service with a database reads besides: the URL of its own database,
 * for DatabaseModule and the outbox relay. A service has a database unless the
 * "shop" block of its package.json says `"database": false` (see app-package.ts).
 */
export const databaseConfigSchema = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
});

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
  }
}

/** Validates the environment against a schema, naming every bad or missing variable at once. */
export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}
