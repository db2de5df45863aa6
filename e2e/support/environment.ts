import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { shopServices } from '../../tools/services/services.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** Where the real infrastructure listens; the same variables as infra/env.sh. */
export const infra = {
  kafkaBrokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
  postgres: {
    host: process.env.POSTGRES_HOST ?? '127.0.0.1',
    port: Number(process.env.POSTGRES_PORT ?? 55432),
    adminUser: process.env.POSTGRES_ADMIN_USER ?? 'shop_admin',
    adminPassword: process.env.POSTGRES_ADMIN_PASSWORD ?? 'shop_admin_dev_password',
  },
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT ?? 'http://127.0.0.1:4318',
  jaegerQueryUrl: process.env.JAEGER_QUERY_URL ?? 'http://127.0.0.1:16686',
  /** Mailpit: the SMTP server the email service sends to, and its HTTP API. */
  smtpUrl: process.env.SMTP_URL ?? 'smtp://127.0.0.1:1025',
  mailpitUrl: process.env.MAILPIT_URL ?? 'http://127.0.0.1:8025',
  /** The Slack sink: Slack's incoming-webhook contract on loopback. */
  slackSinkUrl: process.env.SLACK_SINK_URL ?? 'http://127.0.0.1:3090',
};

/**
 * The Kafka login (KAFKA_SASL_USERNAME/PASSWORD) of a process a test starts, when the broker requires
 * one (SHOP_KAFKA_AUTH=scram, infra/kafka/credentials.sh): an app's own principal, whose ACLs it then
 * runs under as in `./shop up`, or without a service this test process's own (the admin's). Empty when
 * the broker takes anyone.
 */
export function kafkaLogin(service?: string): Record<string, string> {
  const { KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD } = process.env;
  if (!KAFKA_SASL_USERNAME || !KAFKA_SASL_PASSWORD) return {};
  if (service === undefined) return { KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD };
  return { KAFKA_SASL_USERNAME: service, KAFKA_SASL_PASSWORD: kafkaPassword(service) };
}

const kafkaPasswords = new Map<string, string>();

/** A principal's password as infra/kafka/credentials.sh keeps it, in this shop's SHOP_STATE. */
function kafkaPassword(principal: string): string {
  let password = kafkaPasswords.get(principal);
  if (password === undefined) {
    const script = 'source infra/lib/common.sh && kafka_password "$1"';
    password = execFileSync('bash', ['-c', script, 'kafka-password', principal], { cwd: repoRoot, encoding: 'utf8' }).trim();
    kafkaPasswords.set(principal, password);
  }
  return password;
}

/** The apps, from their folders (tools/services/services.mjs). */
export const SERVICES: readonly string[] = shopServices().map((service) => service.name);
/** The apps with a database of their own: all but those whose package.json says "database": false. */
export const DATABASE_SERVICES: readonly string[] = shopServices()
  .filter((service) => service.database)
  .map((service) => service.name);
export type ServiceName = string;

/** Mirrors service_db_name / service_db_password in infra/env.sh (for the DATABASE_SERVICES). */
export function serviceDatabase(service: ServiceName) {
  const name = `shop_${service.replaceAll('-', '_')}`;
  return { name, role: name, password: `${name}_dev_password` };
}

export function serviceDatabaseUrl(service: ServiceName, database = serviceDatabase(service).name): string {
  const { role, password } = serviceDatabase(service);
  return `postgresql://${role}:${password}@${infra.postgres.host}:${infra.postgres.port}/${database}`;
}

/** A suffix that makes topic, group and database names unique to one test run. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}
