import type { SASLOptions } from 'kafkajs';

/** The SASL mechanism of a broker that requires authentication (infra/kafka/kafka.sh with SHOP_KAFKA_AUTH=scram). */
export const KAFKA_SASL_MECHANISM = 'scram-sha-512';

/** What a kafkajs client's config gets from kafkaCredentials: a login, or nothing. */
export type KafkaCredentials = { sasl: SASLOptions } | { sasl?: undefined };

/**
 * The login of every kafkajs client of this process (apps, the CLIs, tests,
 * benchmarks): KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD, as the native
 * runner (infra/lib/services.sh) and compose set them for each service, its
 * own principal. Neither set: no SASL, for a broker without authentication
 * (the default). One without the other is a mistake said at once, not a client
 * that connects anonymously and is refused later with a less helpful error.
 * Spread into `new Kafka({ ... })`.
 */
export function kafkaCredentials(env: NodeJS.ProcessEnv = process.env): KafkaCredentials {
  const username = env.KAFKA_SASL_USERNAME || undefined;
  const password = env.KAFKA_SASL_PASSWORD || undefined;
  if (username === undefined && password === undefined) return {};
  if (username === undefined || password === undefined) {
    throw new Error(`KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD go together; only ${username ? 'the username' : 'the password'} is set`);
  }
  return { sasl: { mechanism: KAFKA_SASL_MECHANISM, username, password } };
}
