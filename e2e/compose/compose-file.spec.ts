import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DATABASE_SERVICES, infra, SERVICES } from '../support/environment.js';
import { composeFileWithApps, composeKafkaPassword, inCompose, kafkaAclsJson } from '../../tools/services/compose.mjs';
import fs from 'node:fs';
import path from 'node:path';
import {
  type ComposeService,
  composeClis,
  composeEnvironment,
  declaredVariables,
  environmentReadsInSource,
  nativeAppEnvironment,
  nativeShell,
  readComposeFile,
  repoRoot,
  runCompose,
} from './compose-project.js';

// docker-compose.yml against the native run: the same apps, the same variable
// names with values that agree, the same infrastructure versions and settings.
// No Docker engine is needed: the file is validated by docker-compose itself
// (Debian's 1.29, which ./shop test installs when missing, and Docker Compose v2
// where present) and compared with what the native scripts produce.

const compose = readComposeFile();
const services = compose.services;
const apps = [...SERVICES];
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');

/** Services that run once and exit; every other one stays up. */
const ONE_SHOTS = ['kafka-users', 'topics', 'databases'];
/** The only services reachable from the host, at the native ports: the gateway, the UIs, the Slack sink's API, Kafka for host tools. */
const PUBLISHED: Record<string, string> = {
  gateway: '3000:3000',
  jaeger: '16686:16686',
  mailpit: '8025:8025',
  'kafka-ui': '8080:8080',
  'slack-sink': '3090:3090',
  // Its HOST listener, advertised to the host as 127.0.0.1:9092.
  kafka: '9092:9094',
};

describe('docker-compose.yml', () => {
  it('is valid for docker-compose (and Docker Compose v2 where installed)', async () => {
    const clis = await composeClis();
    if (clis.length === 0) {
      throw new Error(
        "no compose CLI to validate docker-compose.yml: ./shop test installs Debian's docker-compose when run as root with apt-get " +
          '(see .local/logs/docker-compose-install.log); install it or Docker Compose v2',
      );
    }
    for (const cli of clis) {
      const { stderr } = await runCompose(cli, 'config', '-q');
      expect({ cli: cli.name, warnings: stderr.trim() }).toEqual({ cli: cli.name, warnings: '' });
    }
  });

  it("lists the apps as ./shop compose writes them from apps/ (one source: the folders)", () => {
    expect(composeFileWithApps() === read('docker-compose.yml')).toBe(true);
  });

  it('has a service for every app in apps/, built from the Dockerfile', () => {
    for (const app of apps) {
      expect({ app, build: services[app]?.build }).toEqual({ app, build: { context: '.', args: { APP: app } } });
    }
  });

  it('publishes only the gateway, the UIs, the Slack sink and Kafka, on loopback, at the native ports', () => {
    const published = Object.fromEntries(
      Object.entries(services).filter(([, service]) => service.ports?.length).map(([name, service]) => [name, service.ports]),
    );
    expect(published).toEqual(
      Object.fromEntries(Object.entries(PUBLISHED).map(([name, ports]) => [name, [`127.0.0.1:${ports}`]])),
    );
  });

  it('gives every service a memory limit, and every long-running one a health check and a restart policy', () => {
    for (const [name, service] of Object.entries(services)) {
      expect({ name, mem_limit: service.mem_limit }).toEqual({ name, mem_limit: expect.stringMatching(/^\d+[mg]$/) });
      if (ONE_SHOTS.includes(name)) {
        expect({ name, restart: service.restart, healthcheck: service.healthcheck }).toEqual({ name, restart: 'no', healthcheck: undefined });
      } else {
        expect({ name, restart: service.restart }).toEqual({ name, restart: 'unless-stopped' });
        expect({ name, test: service.healthcheck?.test }).toEqual({ name, test: expect.arrayContaining([expect.stringMatching(/^CMD/)]) });
      }
    }
  });

  it('starts a service only once what it depends on is healthy, or done for the one-shots', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(service.depends_on ?? {})) {
        const expected = ONE_SHOTS.includes(dependency) ? 'service_completed_successfully' : 'service_healthy';
        expect({ service: name, dependency, condition }).toEqual({ service: name, dependency, condition: expected });
        expect(services[dependency]).toBeDefined();
      }
    }
    for (const app of apps) {
      const dependencies = Object.keys(services[app]!.depends_on ?? {});
      expect({ app, dependencies }).toEqual({ app, dependencies: expect.arrayContaining(['kafka', 'topics', 'jaeger']) });
      // PostgreSQL and its provisioning exactly for an app with a database.
      const onDatabase = dependencies.filter((dependency) => dependency === 'postgres' || dependency === 'databases').sort();
      expect({ app, onDatabase }).toEqual({ app, onDatabase: DATABASE_SERVICES.includes(app) ? ['databases', 'postgres'] : [] });
    }
    expect(Object.keys(services.gateway!.depends_on ?? {})).toEqual(expect.arrayContaining(apps.filter((app) => app !== 'gateway')));
  });

  it('gives DATABASE_URL exactly to the apps with a database: not to the gateway', () => {
    const withUrl = apps.filter((app) => 'DATABASE_URL' in composeEnvironment(services[app]!));
    expect(withUrl).toEqual([...DATABASE_SERVICES]);
    expect(withUrl).not.toContain('gateway');
  });

  describe.each(apps)('%s', (app) => {
    let declared: Map<string, string | undefined>;
    let expected: string[];
    beforeAll(async () => {
      declared = await declaredVariables(app);
      expected = [...declared].filter(([, whyUnset]) => whyUnset === undefined).map(([name]) => name).sort();
    });

    it('declares in its config schemas every variable its code reads', () => {
      const reads = environmentReadsInSource(path.join(repoRoot, 'apps', app, 'src'));
      for (const [name, files] of environmentReadsInSource(path.join(repoRoot, 'libs/runtime/src'))) reads.set(name, files);
      const undeclared = [...reads].filter(([name]) => !declared.has(name)).map(([name, files]) => `${name} (${files.join(', ')})`);
      expect({ app, undeclared }).toEqual({ app, undeclared: [] });
    });

    it('gets every variable it declares from compose, and none it does not read', () => {
      const set = Object.keys(composeEnvironment(services[app]!)).sort();
      expect({
        app,
        missingInCompose: expected.filter((name) => !set.includes(name)),
        setInComposeButReadByNobody: set.filter((name) => !expected.includes(name)),
      }).toEqual({ app, missingInCompose: [], setInComposeButReadByNobody: [] });
    });

    it('gets the same variables natively (./shop up), with values that agree', async () => {
      const native = await nativeAppEnvironment(app);
      expect({ app, names: Object.keys(native).sort() }).toEqual({ app, names: expected });
      const composed = composeEnvironment(services[app]!);
      const nativeInCompose = Object.fromEntries(Object.entries(native).map(([name, value]) => [name, inCompose(name, value, app)]));
      expect({ app, environment: composed }).toEqual({ app, environment: nativeInCompose });
    });
  });

  it('creates the topics the way the native run does, once, before any app starts', async () => {
    const topics = services.topics!;
    expect(topics.command).toEqual(['node', 'node_modules/@shop/runtime/dist/cli/ensure-topics.js']);
    expect(read('infra/lib/services.sh')).toContain('libs/runtime/dist/cli/ensure-topics.js');
    const native = await nativeShell('echo "$KAFKA_BROKERS $KAFKA_TOPIC_PARTITIONS"');
    const [brokers, partitions] = native.trim().split(' ');
    expect(composeEnvironment(topics)).toEqual({
      KAFKA_BROKERS: inCompose('KAFKA_BROKERS', brokers!),
      KAFKA_TOPIC_PARTITIONS: partitions,
      // As the admin, with the ACLs ./shop compose writes from the contracts and the handlers (the image has neither).
      KAFKA_SASL_USERNAME: 'shop-admin',
      KAFKA_SASL_PASSWORD: composeKafkaPassword('shop-admin'),
      SHOP_KAFKA_ACLS_FILE: '/shop/kafka-acls.json',
    });
    expect(topics.volumes).toEqual(['./deploy/kafka-acls.json:/shop/kafka-acls.json:ro']);
    expect(read('deploy/kafka-acls.json')).toBe(await kafkaAclsJson());
  });

  it('runs the infrastructure versions the native run runs', async () => {
    const nodeVersion = read('.node-version').trim();
    const kafkaVersion = (await nativeShell('echo "$KAFKA_VERSION"')).trim();
    const jaegerVersion = /Jaeger v(\d+\.\d+\.\d+)/.exec(read('infra/jaeger/go.mod'))?.[1];
    const mailpitVersion = /^require github\.com\/axllent\/mailpit (v\S+)/m.exec(read('infra/mailpit/go.mod'))?.[1];
    expect({
      kafka: services.kafka!.image,
      jaeger: services.jaeger!.image,
      mailpit: services.mailpit!.image,
      'slack-sink': services['slack-sink']!.image,
      dockerfileNode: /^ARG NODE_VERSION=(\S+)$/m.exec(read('Dockerfile'))?.[1],
    }).toEqual({
      kafka: `apache/kafka:${kafkaVersion}`,
      jaeger: `jaegertracing/jaeger:${jaegerVersion}`,
      mailpit: `axllent/mailpit:${mailpitVersion}`,
      'slack-sink': `node:${nodeVersion}-alpine`,
      dockerfileNode: nodeVersion,
    });
  });

  it("configures Kafka as infra/kafka/kafka.sh does, but for the compose network's addresses", async () => {
    const properties = await nativeShell(
      'source infra/kafka/kafka.sh; KAFKA_STATE=$(mktemp -d); kafka_write_config; cat "$KAFKA_STATE/server.properties"; rm -rf "$KAFKA_STATE"',
    );
    const hostBound = ['controller.quorum.voters', 'listeners', 'advertised.listeners', 'log.dirs'];
    const native = Object.fromEntries(
      properties
        .split('\n')
        .filter((line) => line.trim() && !line.startsWith('#'))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
        .filter(([name]) => !hostBound.includes(name!))
        .map(([name, value]) => [`KAFKA_${name!.toUpperCase().replaceAll('.', '_')}`, value]),
    );
    const composed = composeEnvironment(services.kafka!);
    const hostBoundInCompose = ['KAFKA_CONTROLLER_QUORUM_VOTERS', 'KAFKA_LISTENERS', 'KAFKA_ADVERTISED_LISTENERS', 'KAFKA_LOG_DIRS', 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'KAFKA_LISTENER_NAME_HOST_SCRAM-SHA-512_SASL_JAAS_CONFIG'];
    // Not properties: the admin's login (infra/kafka/compose-kafka.sh formats the storage with it), and the JVM's heap.
    const notProperties = ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_HEAP_OPTS'];
    // Natively each state folder has passwords of its own; compose has the demo's.
    const withoutPasswords = (value: string) => value.replaceAll(/(password|user_[\w-]+)="[^"]*"/g, '$1="…"');
    const settings = Object.fromEntries(
      Object.entries(composed)
        .filter(([name]) => !hostBoundInCompose.includes(name) && !notProperties.includes(name))
        .map(([name, value]) => [name, withoutPasswords(value)]),
    );
    expect(settings).toEqual(
      Object.fromEntries(Object.entries(native).filter(([name]) => name !== 'KAFKA_LISTENER_SECURITY_PROTOCOL_MAP').map(([name, value]) => [name, withoutPasswords(value!)])),
    );
    // The same listeners, plus the one for the host, which takes the same logins.
    expect(composed.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).toBe(`${native.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP},HOST:SASL_PLAINTEXT`);
    expect(composed['KAFKA_LISTENER_NAME_HOST_SCRAM-SHA-512_SASL_JAAS_CONFIG']).toBe(composed['KAFKA_LISTENER_NAME_CLIENT_SCRAM-SHA-512_SASL_JAAS_CONFIG']);
    expect({ username: composed.KAFKA_SASL_USERNAME, password: composed.KAFKA_SASL_PASSWORD }).toEqual({ username: 'shop-admin', password: composeKafkaPassword('shop-admin') });
    expect(read('infra/kafka/kafka.sh')).toContain(`java_opts=(${composed.KAFKA_HEAP_OPTS} `);
  });

  it('runs PostgreSQL with the native admin role, server settings and per-service provisioning', async () => {
    const postgres = services.postgres!;
    const [user, password] = (await nativeShell('echo "$POSTGRES_ADMIN_USER $POSTGRES_ADMIN_PASSWORD"')).trim().split(' ');
    expect(composeEnvironment(postgres)).toEqual({ POSTGRES_USER: user, POSTGRES_PASSWORD: password });
    for (const setting of postgres.command!.filter((arg) => arg.includes('='))) expect(read('infra/postgres/postgres.sh')).toContain(`-c ${setting}`);
    // Provisioned by the one-shot `databases` on every up, from the apps/ folders, as the native run does.
    const databases = services.databases!;
    expect(databases.image).toBe(postgres.image);
    expect(databases.command).toEqual(['bash', '/shop/infra/postgres/compose-init.sh']);
    expect(composeEnvironment(databases)).toEqual({ PGHOST: 'postgres', PGUSER: user, PGPASSWORD: password });
    expect(databases.volumes).toEqual(['./infra:/shop/infra:ro', './apps:/shop/apps:ro']);
    for (const app of DATABASE_SERVICES) expect(Object.keys(services[app]!.depends_on ?? {})).toContain('databases');
  });

  it('provisions, with the compose step run natively, a database for every app that has one (idempotent)', async () => {
    const env = { PATH: process.env.PATH, PGHOST: infra.postgres.host, PGPORT: String(infra.postgres.port), PGUSER: infra.postgres.adminUser, PGPASSWORD: infra.postgres.adminPassword };
    const psqlDir = (await nativeShell('source infra/postgres/postgres.sh; pg_bin')).trim();
    const { stdout } = await promisify(execFile)('bash', [path.join(repoRoot, 'infra/postgres/compose-init.sh')], { env: { ...env, PATH: `${psqlDir}:${env.PATH}` } });
    expect(stdout.trim()).toBe(`databases: ${DATABASE_SERVICES.join(' ')}`);
    expect(DATABASE_SERVICES).not.toContain('gateway');
  });

  it("runs Jaeger with the native run's configuration file and ports", async () => {
    const jaeger = services.jaeger!;
    expect(jaeger.command).toEqual(['--config', '/etc/jaeger/config.yaml']);
    expect(jaeger.volumes).toContain('./infra/jaeger/config.yaml:/etc/jaeger/config.yaml:ro');
    const names = Object.keys(composeEnvironment(jaeger));
    const native = await nativeShell('for name in "$@"; do echo "$name=${!name}"; done', ...names);
    expect(composeEnvironment(jaeger)).toEqual(Object.fromEntries(native.trim().split('\n').map((line) => line.split('='))));
  });

  it("runs Mailpit with the native run's flags", async () => {
    const flags = (args: string[]) => {
      const kept: string[] = [];
      for (let i = 0; i < args.length; i++) {
        // Addresses and the database file differ by run; the rest must not.
        if (['--smtp', '--listen', '--database'].includes(args[i]!)) i++;
        else kept.push(args[i]!);
      }
      return kept;
    };
    const native = await nativeShell('source infra/mailpit/mailpit.sh; mailpit_args 1025 8025 /data/mailpit.db');
    expect(flags(services.mailpit!.command!)).toEqual(flags(native.trim().split('\n')));
  });

  it('runs the Slack sink from its file, read-only', () => {
    const sink: ComposeService = services['slack-sink']!;
    expect(sink.command).toEqual(['node', '/sink/slack-sink.ts']);
    expect(sink.volumes).toEqual(['./infra/slack-sink/slack-sink.ts:/sink/slack-sink.ts:ro']);
    expect(fs.existsSync(path.join(repoRoot, 'infra/slack-sink/slack-sink.ts'))).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds with the native setup commands and the deploy script the app-image spec runs', () => {
    const runs = [...dockerfile.matchAll(/^RUN (?:--mount=\S+ )*(.*)$/gm)].map((match) => match[1]);
    expect(runs).toEqual(
      expect.arrayContaining(['./shop setup install', './shop setup build', 'infra/image/deploy-app.sh "$APP" /image']),
    );
  });

  it('runs the app as the native run does, as a user without privileges', async () => {
    const nativeOptions = (await nativeShell('echo "$SHOP_NODE_OPTIONS"')).trim();
    expect(/NODE_OPTIONS="([^"]*)"/.exec(dockerfile)?.[1]).toBe(nativeOptions);
    // The same process environment, but the compile cache's directory: the container's own.
    const processEnv = (await nativeShell('printf "%s\\n" $SHOP_APP_PROCESS_ENV')).split('\n').filter(Boolean);
    expect(processEnv.map((assignment) => assignment.split('=')[0])).toEqual(['MALLOC_ARENA_MAX', 'NODE_COMPILE_CACHE']);
    for (const assignment of processEnv) {
      const expected = assignment.startsWith('NODE_COMPILE_CACHE=') ? 'NODE_COMPILE_CACHE=/tmp/node-compile-cache' : assignment;
      expect(dockerfile).toContain(`    ${expected} \\\n`);
    }
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^CMD \["\/shop\/entrypoint\.sh"\]$/m);
  });
});
