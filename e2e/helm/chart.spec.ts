import fs from 'node:fs';
import path from 'node:path';
import { ALL_TOPICS, EVENT_TOPICS } from '@shop/event-contracts';
import { TOPIC_RETENTION } from '@shop/runtime';
import { FROM_CHART_SETTINGS, inChart, valuesFileWithGenerated } from '../../tools/services/helm.mjs';
import { composeEnvironment, declaredVariables, nativeAppEnvironment, nativeShell, readComposeFile } from '../compose/compose-project.js';
import { DATABASE_SERVICES, SERVICES } from '../support/environment.js';
import {
  bytes,
  chartDir,
  containerEnvironment,
  type HelmTools,
  helmTools,
  lint,
  measuredPeakMegabytes,
  named,
  ofKind,
  RELEASE,
  type Rendered,
  renderChart,
  repoRoot,
  validate,
  type Validation,
} from './chart-project.js';

// The Helm chart (deploy/helm/event-shop) without a cluster: linted, rendered with its
// default values and the example values files, every rendered manifest validated by
// kubeconform against offline JSON Schemas (Kubernetes' own, KEDA's and Strimzi's CRDs;
// infra/helm/helm.sh builds the tools and schemas once), and compared with the native
// run and docker-compose.yml: the same apps, the same variables with values that agree,
// the same migration command, topics and settings. CloudNativePG's Cluster and Database
// have no schema here (no registry serves its CRDs): they are the resources kubeconform
// skips, and the tests below check their content instead.

const apps = [...SERVICES];
const consumers = apps.filter((app) => app !== 'gateway');
const VALUES_FILES = ['values.yaml', 'values-production.yaml', 'values-external.yaml'];
/** The kinds without a schema here: CloudNativePG's. */
const UNVALIDATED = ['postgresql.cnpg.io/v1/Cluster', 'postgresql.cnpg.io/v1/Database'];
const appName = (app: string) => `${RELEASE}-${app}`;
const roleOf = (app: string) => `shop_${app.replaceAll('-', '_')}`;

let tools: HelmTools;
const rendered = new Map<string, Rendered>();
const validations = new Map<string, Validation[]>();

beforeAll(async () => {
  // Builds Helm, kubeconform and the schemas the first time on a machine (minutes); then instant.
  tools = await helmTools();
  await Promise.all(
    VALUES_FILES.map(async (file) => {
      const result = await renderChart(tools, file);
      rendered.set(file, result);
      validations.set(file, await validate(tools, result.file, UNVALIDATED));
    }),
  );
}, 30 * 60_000);

afterAll(() => {
  for (const { file } of rendered.values()) fs.rmSync(path.dirname(file), { recursive: true, force: true });
});

describe('the chart', () => {
  it("lists the apps and topics as ./shop helm writes them from apps/ and the contracts (one source: the folders)", async () => {
    const current = fs.readFileSync(path.join(chartDir, 'values.yaml'), 'utf8');
    expect((await valuesFileWithGenerated(current)) === current).toBe(true);
  });

  it.each(VALUES_FILES)('passes helm lint --strict with %s', async (file) => {
    expect(await lint(tools, file)).toContain('1 chart(s) linted, 0 chart(s) failed');
  });

  it.each(VALUES_FILES)('renders with %s into manifests all valid for Kubernetes and the CRDs (kubeconform -strict)', (file) => {
    const results = validations.get(file)!;
    expect(results).toHaveLength(rendered.get(file)!.manifests.length);
    const problems = results.filter((result) => !['statusValid', 'statusSkipped'].includes(result.status)).map((result) => `${result.kind} ${result.name}: ${result.msg}`);
    expect({ file, problems }).toEqual({ file, problems: [] });
    // Skipped: CloudNativePG's resources only, and only where the chart makes them.
    const skipped = [...new Set(results.filter((result) => result.status === 'statusSkipped').map((result) => `${result.version}/${result.kind}`))].sort();
    expect({ file, skipped }).toEqual({ file, skipped: file === 'values-external.yaml' ? [] : UNVALIDATED });
  });

  it('validates strictly: a misspelt field, a wrong type or a field of no schema fails', async () => {
    const original = fs.readFileSync(rendered.get('values-production.yaml')!.file, 'utf8');
    const broken = original
      .replace('revisionHistoryLimit: 3', 'revisionHistoryLimt: 3')
      .replace(/( {2}partitions: )3/, '$1"three"')
      .replace('minReplicaCount: 1', 'minReplicaCount: 1\n  maxReplicas: 3');
    const file = path.join(path.dirname(rendered.get('values-production.yaml')!.file), 'broken.yaml');
    fs.writeFileSync(file, broken);
    const invalid = (await validate(tools, file, UNVALIDATED)).filter((result) => result.status === 'statusInvalid').map((result) => result.kind);
    expect([...new Set(invalid)].sort()).toEqual(['Deployment', 'KafkaTopic', 'ScaledObject']);
  });
});

describe('the chart against apps/, the native run and compose (default values)', () => {
  const chart = () => rendered.get('values.yaml')!;
  const compose = readComposeFile().services;

  it('selects with each Service and Deployment the pods of its app only (no Job pod among them)', () => {
    const podLabels = chart()
      .manifests.filter((manifest) => ['Deployment', 'Job'].includes(manifest.kind))
      .map((manifest) => ({ owner: `${manifest.kind}/${manifest.metadata.name}`, labels: manifest.spec.template.metadata.labels as Record<string, string> }));
    for (const app of apps) {
      for (const selector of [named(chart(), 'Service', appName(app)).spec.selector, named(chart(), 'Deployment', appName(app)).spec.selector.matchLabels]) {
        const selected = podLabels.filter(({ labels }) => Object.entries(selector as Record<string, string>).every(([key, value]) => labels[key] === value)).map(({ owner }) => owner);
        expect({ app, selected }).toEqual({ app, selected: [`Deployment/${appName(app)}`] });
      }
    }
  });

  it('deploys every app of apps/, each behind a Service at its port, and nothing else as an app', () => {
    expect(ofKind(chart(), 'Deployment').map((deployment) => deployment.metadata.name).sort()).toEqual(apps.map(appName).sort());
    for (const app of apps) {
      const port = named(chart(), 'Deployment', appName(app)).spec.template.spec.containers[0].ports[0];
      const service = named(chart(), 'Service', appName(app)).spec;
      expect({ app, port: port.containerPort, service: service.ports[0].port }).toEqual({ app, port: Number(compose[app]!.environment!.PORT), service: Number(compose[app]!.environment!.PORT) });
    }
  });

  describe.each(apps)('%s', (app) => {
    let environment: Record<string, string>;
    let native: Record<string, string>;
    beforeAll(async () => {
      environment = containerEnvironment(named(chart(), 'Deployment', appName(app)));
      native = await nativeAppEnvironment(app);
    });

    it('gets the same variables as from compose and natively (./shop up)', () => {
      const names = Object.keys(environment).sort();
      expect({ app, names }).toEqual({ app, names: Object.keys(composeEnvironment(compose[app]!)).sort() });
      expect({ app, names }).toEqual({ app, names: Object.keys(native).sort() });
    });

    it("with the native values, the addresses the cluster's", () => {
      const expected = Object.fromEntries(
        Object.entries(native)
          .filter(([name]) => !FROM_CHART_SETTINGS.includes(name))
          .map(([name, value]) => [name, inChart(name, value)]),
      );
      const chartValues = Object.fromEntries(Object.entries(environment).filter(([name]) => !FROM_CHART_SETTINGS.includes(name)));
      expect({ app, environment: chartValues }).toEqual({ app, environment: expected });
      expect(environment.KAFKA_BROKERS).toBe(`${RELEASE}-kafka-kafka-bootstrap:9092`);
    });

    it('connects to its own database and role, as natively, through a Secret: only if it has one', () => {
      if (!DATABASE_SERVICES.includes(app)) {
        expect(environment.DATABASE_URL).toBeUndefined();
        return;
      }
      expect(environment.DATABASE_URL).toBe(`secret:${appName(app)}-database/uri`);
      const secret = named(chart(), 'Secret', `${appName(app)}-database`);
      const url = new URL(secret.stringData!.uri!);
      const nativeUrl = new URL(native.DATABASE_URL!);
      expect({ user: url.username, database: url.pathname, host: url.host }).toEqual({
        user: nativeUrl.username,
        database: nativeUrl.pathname,
        host: `${RELEASE}-postgres-rw:5432`,
      });
      expect(secret).toMatchObject({ type: 'kubernetes.io/basic-auth', stringData: { username: roleOf(app), password: decodeURIComponent(url.password) } });
      expect(secret.stringData!.password).toMatch(/^[A-Za-z0-9]{32}$/);
    });
  });

  it('runs each app as its image does, with readiness from /health and liveness from /health/live', () => {
    const entrypoint = fs.readFileSync(path.join(repoRoot, 'infra/image/entrypoint.sh'), 'utf8');
    const start = /^exec (node .*)$/m.exec(entrypoint)![1]!.split(' ');
    for (const app of apps) {
      const container = named(chart(), 'Deployment', appName(app)).spec.template.spec.containers[0];
      expect({ app, command: container.command, image: container.image }).toEqual({ app, command: start, image: `event-shop/${app}:0.1.0` });
      expect({ app, readiness: container.readinessProbe.httpGet, liveness: container.livenessProbe.httpGet }).toEqual({
        app,
        readiness: { path: '/health', port: 'http' },
        liveness: { path: '/health/live', port: 'http' },
      });
    }
  });

  it('requests at least the memory each app was measured to use, and limits it as compose does', () => {
    const { report, peaks } = measuredPeakMegabytes(apps);
    expect(Object.keys(peaks).sort()).toEqual([...apps].sort());
    for (const app of apps) {
      const { resources } = named(chart(), 'Deployment', appName(app)).spec.template.spec.containers[0];
      expect({ app, report, requestAtLeastPeak: bytes(resources.requests.memory) >= peaks[app]! * 1e6 }).toEqual({ app, report, requestAtLeastPeak: true });
      expect({ app, limit: bytes(resources.limits.memory) }).toEqual({ app, limit: bytes(compose[app]!.mem_limit!.replace(/m$/, 'Mi')) });
    }
  });

  it('migrates each database with the command the image runs first, in a hook Job after install (the chart makes the cluster)', () => {
    const entrypoint = fs.readFileSync(path.join(repoRoot, 'infra/image/entrypoint.sh'), 'utf8');
    const migrate = /^(node .*migrate\.mjs)$/m.exec(entrypoint)![1]!.split(' ');
    const jobs = ofKind(chart(), 'Job');
    expect(jobs.map((job) => job.metadata.name).sort()).toEqual(DATABASE_SERVICES.map((app) => `${appName(app)}-migrate`).sort());
    for (const app of DATABASE_SERVICES) {
      const job = named(chart(), 'Job', `${appName(app)}-migrate`);
      const container = job.spec.template.spec.containers[0];
      expect({ app, command: container.command, env: container.env }).toEqual({
        app,
        command: migrate,
        env: [{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: `${appName(app)}-database`, key: 'uri' } } }],
      });
      // `helm template` cannot see the cluster: a Secret not there yet reads as a first install.
      expect(job.metadata.annotations?.['helm.sh/hook']).toBe('post-install,post-upgrade');
    }
  });

  it('gives CloudNativePG a role and a database per app with a database, with the native names and settings', async () => {
    const cluster = named(chart(), 'Cluster', `${RELEASE}-postgres`);
    expect(cluster.spec.managed.roles).toEqual(
      DATABASE_SERVICES.map((app) => ({ name: roleOf(app), ensure: 'present', login: true, passwordSecret: { name: `${appName(app)}-database` } })).sort((a, b) => a.name.localeCompare(b.name)),
    );
    const databases = ofKind(chart(), 'Database').map((database) => ({ ...database.spec }));
    expect(databases.sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      DATABASE_SERVICES.map((app) => ({ name: roleOf(app), owner: roleOf(app), cluster: { name: `${RELEASE}-postgres` }, ensure: 'present', databaseReclaimPolicy: 'retain' })).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    );
    // The server settings of the native run and compose.
    for (const setting of readComposeFile().services.postgres!.command!.filter((arg) => arg.includes('='))) {
      const [name, value] = setting.split('=');
      expect(cluster.spec.postgresql.parameters[name!]).toBe(value);
    }
  });

  it('declares every topic of the contracts as a KafkaTopic, with the native partitions and retention', async () => {
    const partitions = Number((await nativeShell('echo "$KAFKA_TOPIC_PARTITIONS"')).trim());
    const topics = ofKind(chart(), 'KafkaTopic');
    expect(topics.map((topic) => topic.spec.topicName).sort()).toEqual([...ALL_TOPICS].sort());
    for (const topic of topics) {
      const retention = (EVENT_TOPICS as readonly string[]).includes(topic.spec.topicName) ? TOPIC_RETENTION.forever : TOPIC_RETENTION.oneHour;
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe(`${RELEASE}-kafka`);
      expect({ topic: topic.spec.topicName, partitions: topic.spec.partitions, config: topic.spec.config }).toEqual({
        topic: topic.spec.topicName,
        partitions,
        config: { ...retention, 'min.insync.replicas': '1' },
      });
    }
    // The broker settings the native run and compose give Kafka.
    const kafka = named(chart(), 'Kafka', `${RELEASE}-kafka`).spec.kafka.config;
    const composed = composeEnvironment(readComposeFile().services.kafka!);
    expect(kafka).toMatchObject({
      'auto.create.topics.enable': composed.KAFKA_AUTO_CREATE_TOPICS_ENABLE === 'true',
      'group.initial.rebalance.delay.ms': Number(composed.KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS),
      'offsets.topic.replication.factor': Number(composed.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR),
    });
  });

  it("gives each app a Kafka login named as it (a KafkaUser) with the ACLs ensure-topics gives it natively, and its password from the user's Secret", () => {
    const rules = JSON.parse(fs.readFileSync(path.join(repoRoot, 'deploy/kafka-acls.json'), 'utf8')) as { principal: string }[];
    const operations: Record<string, string> = { Read: 'read', Write: 'write', Describe: 'describe', Create: 'create', DescribeConfigs: 'describe-configs', AlterConfigs: 'alter-configs' };
    for (const app of apps) {
      const user = named(chart(), 'KafkaUser', app);
      expect({ app, cluster: user.metadata.labels?.['strimzi.io/cluster'], authentication: user.spec.authentication }).toEqual({ app, cluster: `${RELEASE}-kafka`, authentication: { type: 'scram-sha-512' } });
      const acls = (user.spec.authorization.acls as { resource: { type: string; name: string; patternType: string }; operations: string[] }[]).flatMap(({ resource, operations: ops }) =>
        ops.map((operation) => ({ principal: `User:${app}`, resource: resource.type, pattern: resource.patternType === 'prefix' ? 'prefixed' : resource.patternType, name: resource.name, operation: operations[operation] })),
      );
      expect(acls).toEqual(rules.filter((rule) => rule.principal === `User:${app}`));
      const environment = containerEnvironment(named(chart(), 'Deployment', appName(app)));
      expect({ app, username: environment.KAFKA_SASL_USERNAME, password: environment.KAFKA_SASL_PASSWORD }).toEqual({ app, username: app, password: `secret:${app}/password` });
    }
    const kafka = named(chart(), 'Kafka', `${RELEASE}-kafka`).spec;
    expect({ listeners: kafka.kafka.listeners.map((listener: { authentication?: unknown }) => listener.authentication), authorization: kafka.kafka.authorization, userOperator: kafka.entityOperator.userOperator })
      .toEqual({ listeners: [{ type: 'scram-sha-512' }], authorization: { type: 'simple' }, userOperator: {} });
  });

  it('scales nothing with KEDA unless asked (keda.enabled is off by default)', () => {
    expect(ofKind(chart(), 'ScaledObject')).toEqual([]);
    for (const app of apps) expect(named(chart(), 'Deployment', appName(app)).spec.replicas).toBe(1);
  });
});

describe('the production example (values-production.yaml)', () => {
  const chart = () => rendered.get('values-production.yaml')!;

  it('scales each consumer by the lag of its consumer group with KEDA, which then owns its replicas', () => {
    const scaled = ofKind(chart(), 'ScaledObject');
    expect(scaled.map((object) => object.metadata.name).sort()).toEqual(consumers.map(appName).sort());
    for (const app of consumers) {
      const { spec } = named(chart(), 'ScaledObject', appName(app));
      expect({ app, target: spec.scaleTargetRef.name, trigger: spec.triggers[0].type, group: spec.triggers[0].metadata.consumerGroup, max: spec.maxReplicaCount }).toEqual({
        app,
        target: appName(app),
        trigger: 'kafka',
        group: app,
        max: 3,
      });
      expect(named(chart(), 'Deployment', appName(app)).spec.replicas).toBeUndefined();
    }
    expect(named(chart(), 'Deployment', appName('gateway')).spec.replicas).toBe(2);
  });

  it("runs Kafka with three brokers, replication 3 and min.insync.replicas 2", () => {
    expect(named(chart(), 'KafkaNodePool', `${RELEASE}-kafka-nodes`).spec.replicas).toBe(3);
    expect(named(chart(), 'Kafka', `${RELEASE}-kafka`).spec.kafka.config).toMatchObject({ 'default.replication.factor': 3, 'min.insync.replicas': 2, 'offsets.topic.replication.factor': 3 });
    for (const topic of ofKind(chart(), 'KafkaTopic')) expect({ replicas: topic.spec.replicas, minIsr: topic.spec.config['min.insync.replicas'] }).toEqual({ replicas: 3, minIsr: '2' });
  });

  it("sets every variable an app declares, and beyond compose's only the secrets production requires, from Secrets", async () => {
    const compose = readComposeFile().services;
    for (const app of apps) {
      const environment = containerEnvironment(named(chart(), 'Deployment', appName(app)));
      const declared = await declaredVariables(app);
      const composed = Object.keys(composeEnvironment(compose[app]!));
      const extra = Object.keys(environment).filter((name) => !composed.includes(name));
      expect({ app, missing: composed.filter((name) => !(name in environment)) }).toEqual({ app, missing: [] });
      // Extra: declared variables that the development deployments leave to their demo defaults.
      for (const name of extra) expect({ app, name, declared: declared.has(name), fromSecret: environment[name]!.startsWith('secret:') }).toEqual({ app, name, declared: true, fromSecret: true });
      expect(environment.DEPLOYMENT_ENVIRONMENT).toBe('production');
    }
  });
});

describe('external Kafka and PostgreSQL (values-external.yaml)', () => {
  const chart = () => rendered.get('values-external.yaml')!;

  it('makes no Strimzi or CloudNativePG resource, and points the apps at the endpoints given', () => {
    const kinds = [...new Set(chart().manifests.map((manifest) => manifest.kind))].sort();
    expect(kinds).toEqual(['ConfigMap', 'Deployment', 'Job', 'Service']);
    for (const app of apps) {
      const environment = containerEnvironment(named(chart(), 'Deployment', appName(app)));
      expect({ app, username: environment.KAFKA_SASL_USERNAME, password: environment.KAFKA_SASL_PASSWORD }).toEqual({ app, username: app, password: `secret:event-shop-kafka/${app}` });
      expect(environment.KAFKA_BROKERS).toBe('kafka-0.kafka.example.com:9092,kafka-1.kafka.example.com:9092,kafka-2.kafka.example.com:9092');
      expect(environment.DATABASE_URL).toBe(DATABASE_SERVICES.includes(app) ? `secret:event-shop-databases/${app}` : undefined);
    }
  });

  it('creates the topics as compose does and migrates, both before install and upgrade', () => {
    const topics = named(chart(), 'Job', `${RELEASE}-topics`);
    const composeTopics = readComposeFile().services.topics!;
    expect(topics.spec.template.spec.containers[0].command).toEqual(composeTopics.command);
    // As the admin, with the apps' ACLs as compose's topics has them (deploy/kafka-acls.json), from a ConfigMap.
    const environment = containerEnvironment(topics);
    expect({ username: environment.KAFKA_SASL_USERNAME, password: environment.KAFKA_SASL_PASSWORD }).toEqual({ username: 'shop-admin', password: 'secret:event-shop-kafka/shop-admin' });
    const acls = (named(chart(), 'ConfigMap', `${RELEASE}-kafka-acls`) as unknown as { data: Record<string, string> }).data['kafka-acls.json']!;
    const byRule = (rules: Record<string, string>[]) => rules.map((rule) => JSON.stringify(rule, Object.keys(rule).sort())).sort();
    expect(byRule(JSON.parse(acls))).toEqual(byRule(JSON.parse(fs.readFileSync(path.join(repoRoot, 'deploy/kafka-acls.json'), 'utf8'))));
    expect(environment.SHOP_KAFKA_ACLS_FILE).toBe('/acls/kafka-acls.json');
    expect(topics.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    for (const app of DATABASE_SERVICES) expect(named(chart(), 'Job', `${appName(app)}-migrate`).metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
  });
});
