#!/usr/bin/env node
// Writes the apps' part of docker-compose.yml from the apps/ folders: compose
// cannot discover services by itself, so this is the one place that lists
// them for it. Each app gets the environment `./shop up` gives it natively
// (service_env in infra/lib/services.sh), with the native addresses replaced
// by the compose network's; it depends on the infrastructure it talks to (an
// app with a database on PostgreSQL and the one-shot `databases`, one without
// on neither); the edge (the gateway) is published and starts last. Each app
// logs in to Kafka as itself, with the demo's password (the one-shot
// kafka-users gives every app its login), and may do what the ACLs the
// one-shot topics creates allow, which this writes to deploy/kafka-acls.json
// from the contracts and the apps' handlers (the image has neither).
//
//   node tools/services/compose.mjs           rewrite docker-compose.yml
//   node tools/services/compose.mjs --check   exit 1, saying so, if it is not what this writes
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { shopServices, writeOrCheckGenerated } from './services.mjs';

const root = path.resolve(import.meta.dirname, '../..');
const composeFile = path.join(root, 'docker-compose.yml');
/** The services' Kafka ACLs, read by compose's one-shot `topics` (SHOP_KAFKA_ACLS_FILE). */
export const aclsFile = path.join(root, 'deploy/kafka-acls.json');
const BEGIN = '  # --- the apps: written by ./shop compose from apps/*/ (tools/services/compose.mjs); do not edit by hand ---';
const END = 'volumes:';

/** Where the native run's infrastructure is, and where the same thing is on the compose network. */
export const NATIVE_TO_COMPOSE = [
  ['@127.0.0.1:55432/', '@postgres:5432/'],
  ['127.0.0.1:9092', 'kafka:9092'],
  ['http://127.0.0.1:4318', 'http://jaeger:4318'],
  ['smtp://127.0.0.1:1025', 'smtp://mailpit:1025'],
  ['http://127.0.0.1:3090/', 'http://slack-sink:3090/'],
  // Jaeger's query API, as the gateway reaches it.
  ['http://127.0.0.1:16686', 'http://jaeger:16686'],
];

/** Jaeger's UI as the browser reaches it in compose. */
const JAEGER_UI_IN_COMPOSE = 'http://localhost:16686';

/** How long the runtime keeps its tables' rows (libs/runtime/src/config/retention-config.ts): the same for every app. */
export const RETENTION = ['SHOP_OUTBOX_RETENTION_S', 'SHOP_INBOX_WINDOW_S', 'SHOP_PRUNE_INTERVAL_S'];
/** Variables set once for every app (`x-app-environment` in the file). */
const SHARED = ['HOST', 'KAFKA_BROKERS', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'SHOP_TRACE_SAMPLE_RATIO', 'DEPLOYMENT_ENVIRONMENT', 'LOG_LEVEL', ...RETENTION];
/** Services of the file that run once and exit: an app waits for them to have succeeded, not to be healthy. */
const ONE_SHOTS = ['topics', 'databases'];
/** Infrastructure every app depends on already (`x-app-depends-on`, with the one-shot `topics`). PostgreSQL is not among it: an app without a database never waits for it. */
const ALWAYS_DEPENDED_ON = ['kafka', 'jaeger'];

/** An app's Kafka password in compose: the demo's, as its PostgreSQL password is (natively each state folder has random ones). */
export const composeKafkaPassword = (principal) => `${principal}_kafka_dev_password`;

/** An app's variable as compose sets it. */
export function inCompose(name, nativeValue, app) {
  if (name === 'KAFKA_SASL_PASSWORD') return composeKafkaPassword(app);
  // Natively each app listens on loopback; in compose on its container's interfaces.
  if (name === 'HOST') return nativeValue === '127.0.0.1' ? '0.0.0.0' : nativeValue;
  // The native Jaeger is built without its UI (none: empty); compose's image has it, published on the host's loopback.
  if (name === 'JAEGER_UI_URL') return nativeValue === '' ? JAEGER_UI_IN_COMPOSE : nativeValue;
  return NATIVE_TO_COMPOSE.reduce((value, [native, composed]) => value.replaceAll(native, composed), nativeValue);
}

/**
 * The environment `./shop up` gives an app, with the defaults of infra/env.sh (no port offset, no
 * overrides, one Kafka node as compose runs, even while a `--brokers 3` cluster runs from this clone).
 */
export function nativeEnvironment(app) {
  const output = execFileSync('bash', ['-c', 'source infra/lib/common.sh; source infra/lib/services.sh; service_env "$1"', 'compose', app], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKER_COUNT: '1' },
    encoding: 'utf8',
  });
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
}

// Plain when YAML reads it back as the same string; quoted otherwise, and for the words YAML 1.1
// (docker-compose 1.29's PyYAML) reads as booleans or null (`on`, `off`, `yes`, `no`, ...).
const scalar = (value) =>
  /^[\w./:@<>, -]*$/.test(value) && !/^[\s<]|: |\s$/.test(value) && !/^(?:y|yes|n|no|true|false|on|off|null|~)?$/i.test(value)
    ? value
    : JSON.stringify(value);

function appBlock(service, others) {
  const environment = nativeEnvironment(service.name)
    .filter(([name]) => !SHARED.includes(name))
    .map(([name, value]) => [name, name === 'PORT' ? String(service.port) : inCompose(name, value, service.name)]);
  const talksTo = new Set(
    environment.flatMap(([, value]) => [...value.matchAll(/(?:\/\/|@)([a-z][a-z-]*):\d+/g)].map((match) => match[1])),
  );
  const dependsOn = [...talksTo].filter((host) => !ALWAYS_DEPENDED_ON.includes(host) && host !== 'localhost');
  // An app with a database talks to postgres (its DATABASE_URL) and waits for the one-shot that made its database and role.
  if (service.database) dependsOn.push('databases');
  dependsOn.sort();
  if (service.edge) dependsOn.push(...others.map((other) => other.name));
  const lines = [
    `  ${service.name}:`,
    '    <<: *app',
    '    build:',
    '      context: .',
    '      args:',
    `        APP: ${service.name}`,
    '    environment:',
    '      <<: *app-environment',
    ...environment.map(([name, value]) => `      ${name}: ${scalar(value)}`),
  ];
  if (service.edge) lines.push('    ports:', `      - "127.0.0.1:${service.port}:${service.port}"`);
  if (dependsOn.length > 0) {
    lines.push('    depends_on:', '      <<: *app-depends-on');
    for (const dependency of dependsOn) {
      lines.push(`      ${dependency}:`, `        condition: ${ONE_SHOTS.includes(dependency) ? 'service_completed_successfully' : 'service_healthy'}`);
    }
  }
  return lines.join('\n');
}

/** The one-shot that gives every app its Kafka login, on every `up` (an app added since the volume was made gets its own too). */
function kafkaUsersBlock(services) {
  const users = services.map((service) => `${service.name}=${composeKafkaPassword(service.name)}`).join(' ');
  return [
    '  kafka-users:',
    '    image: *kafka-image',
    '    entrypoint: ["bash", "/shop/kafka/compose-kafka.sh", "users"]',
    '    environment:',
    '      <<: *kafka-admin-login',
    '      KAFKA_BROKERS: kafka:9092',
    `      SHOP_KAFKA_USERS: ${scalar(users)}`,
    '    volumes:',
    '      - ./infra/kafka:/shop/kafka:ro',
    '    depends_on:',
    '      kafka:',
    '        condition: service_healthy',
    '    mem_limit: 256m',
    '    restart: "no"',
  ].join('\n');
}

/** docker-compose.yml with its apps' part as the apps/ folders say. */
export function composeFileWithApps(current = readFileSync(composeFile, 'utf8')) {
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(`\n${END}`, begin);
  if (begin < 0 || end < 0) throw new Error(`docker-compose.yml lacks the line "${BEGIN.trim()}" or a "${END}" after it`);
  const services = shopServices(root);
  const blocks = services.map((service) => appBlock(service, services.filter((other) => !other.edge)));
  return `${current.slice(0, begin)}${BEGIN}\n\n${[kafkaUsersBlock(services), ...blocks].join('\n\n')}\n${current.slice(end)}`;
}

/** deploy/kafka-acls.json: the ACLs ensure-topics creates natively from the repository, for the one-shot that has only the image. */
export async function kafkaAclsJson() {
  const { shopAcls } = await import('../../libs/runtime/dist/kafka/acl/shop-acls.js');
  // One rule a line: a change to an app's handlers shows as the lines of its rules.
  return `[\n${shopAcls().map((rule) => `  ${JSON.stringify(rule)}`).join(',\n')}\n]\n`;
}

if (process.argv[1] === import.meta.filename) {
  const current = readFileSync(composeFile, 'utf8');
  writeOrCheckGenerated(composeFile, current, composeFileWithApps(current), {
    stale: 'docker-compose.yml does not list the apps of apps/ as ./shop compose writes them: run ./shop compose',
    written: `docker-compose.yml: the apps' services written from apps/ (${shopServices(root).map((s) => s.name).join(', ')})`,
  });
  writeOrCheckGenerated(aclsFile, existsSync(aclsFile) ? readFileSync(aclsFile, 'utf8') : '', await kafkaAclsJson(), {
    stale: 'deploy/kafka-acls.json is not what the contracts and the apps\' handlers give: run ./shop compose',
    written: 'deploy/kafka-acls.json: the services\' Kafka ACLs',
  });
}
