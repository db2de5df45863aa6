import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { kafkaCredentials } from '@shop/runtime';
import { Kafka, logLevel } from 'kafkajs';
import { stopChild } from '../support/stop-child.js';
import { waitFor } from '../support/wait-for.js';
import { composeEnvironment, nativeShell, readComposeFile, repoRoot } from './compose-project.js';
import { produceOnce } from '../support/produce-once.js';

const run = promisify(execFile);

/**
 * Compose's Kafka as docker-compose.yml starts it, without Docker: the kafka
 * service's own environment given to infra/kafka/compose-kafka.sh on the jars
 * the native run uses (the image's /opt/kafka), addresses moved to loopback
 * ports of this test's; then the one-shots kafka-users and topics with their
 * environments. What the hosted workflow proves in the image, this proves of
 * the script and the settings on every run: logins required, each app's
 * compose password working, the ACLs of deploy/kafka-acls.json in force.
 */
// Below the kernel's ephemeral range (32768-60999 here): a port in it can be
// taken, at any moment, by one of the outgoing connections the other suites
// open, and the broker then fails to bind (a CI run lost this test so, on 39092).
// Clear of every native shop's ports too, whatever SHOP_PORT_OFFSET the suites use.
const PORTS = { client: 29092, controller: 29093, host: 29094 };
const services = readComposeFile().services;
const work = mkdtempSync(path.join(os.tmpdir(), 'compose-kafka-'));
const bootstrap = `127.0.0.1:${PORTS.client}`;
let broker: ChildProcess | undefined;
let kafkaHome: string;
const output: string[] = [];
/** What the one-shot topics printed. */
let topicsSaid = '';

/** A compose service's environment on this machine: the compose network's addresses as this test's loopback ports. */
const onLoopback = (environment: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [
      name,
      value
        .replace('CLIENT://:9092', `CLIENT://127.0.0.1:${PORTS.client}`)
        .replace('CONTROLLER://:9093', `CONTROLLER://127.0.0.1:${PORTS.controller}`)
        .replace('HOST://:9094', `HOST://127.0.0.1:${PORTS.host}`)
        .replace('HOST://127.0.0.1:9092', `HOST://127.0.0.1:${PORTS.host}`)
        .replaceAll('kafka:9093', `127.0.0.1:${PORTS.controller}`)
        .replaceAll('kafka:9092', bootstrap)
        .replace('/var/lib/kafka/data', path.join(work, 'data')),
    ]),
  );

const script = (mode: string, environment: Record<string, string>) =>
  run('bash', [path.join(repoRoot, 'infra/kafka/compose-kafka.sh'), mode], {
    env: { PATH: process.env.PATH, KAFKA_HOME: kafkaHome, SHOP_KAFKA_WORK: work, ...onLoopback(environment) },
  });

const loginAs = (username: string | undefined, password?: string) =>
  new Kafka({
    ...kafkaCredentials(username ? { KAFKA_SASL_USERNAME: username, KAFKA_SASL_PASSWORD: password } : {}),
    clientId: 'it-compose-kafka',
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 5_000,
  });


beforeAll(async () => {
  // The jars infra/kafka/kafka.sh downloads (`./shop test` has started Kafka, so they are there).
  kafkaHome = (await nativeShell('source infra/kafka/kafka.sh; echo "$KAFKA_CACHE"')).trim();
  const environment = onLoopback(composeEnvironment(services.kafka!));
  broker = spawn('bash', [path.join(repoRoot, 'infra/kafka/compose-kafka.sh'), 'broker'], {
    env: { PATH: process.env.PATH, KAFKA_HOME: kafkaHome, SHOP_KAFKA_WORK: work, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  broker.stdout!.on('data', (chunk) => output.push(String(chunk)));
  broker.stderr!.on('data', (chunk) => output.push(String(chunk)));
  await waitFor('compose\'s Kafka to answer its healthcheck', async () => {
    if (broker!.exitCode !== null) throw new Error(`the broker exited with ${broker!.exitCode}: ${output.join('').slice(-2000)}`);
    await script('health', composeEnvironment(services.kafka!));
    return true;
  }, { timeoutMs: 90_000 });
  await script('users', composeEnvironment(services['kafka-users']!));
  // The one-shot topics as compose runs it, with the ACL file mounted where it says.
  const topics = composeEnvironment(services.topics!);
  const { stdout } = await run(process.execPath, ['libs/runtime/dist/cli/ensure-topics.js'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, ...onLoopback(topics), SHOP_KAFKA_ACLS_FILE: path.join(repoRoot, 'deploy/kafka-acls.json') },
  });
  topicsSaid = stdout;
}, 180_000);

afterAll(async () => {
  if (broker) await stopChild(broker);
  rmSync(work, { recursive: true, force: true });
});

describe("compose's Kafka (infra/kafka/compose-kafka.sh with docker-compose.yml's settings)", () => {
  it('creates the topics and the ACLs of deploy/kafka-acls.json', () => {
    const rules = (JSON.parse(readFileSync(path.join(repoRoot, 'deploy/kafka-acls.json'), 'utf8')) as unknown[]).length;
    expect(topicsSaid).toContain(`[topics] ${rules} ACLs of the services in place`);
  });

  it('refuses a client without a login', async () => {
    expect(await produceOnce(loginAs(undefined), 'shop.order.events')).toBeInstanceOf(Error);
  });

  it("lets each app write its own events with its compose password, and refuses another app's topic", async () => {
    const order = composeEnvironment(services.order!);
    expect(order.KAFKA_SASL_USERNAME).toBe('order');
    // Listed by the broker is not yet applied by its authorizer: the first write may be refused for a moment.
    await waitFor('order to write its own events', async () => {
      const refused = await produceOnce(loginAs('order', order.KAFKA_SASL_PASSWORD), 'shop.order.events');
      if (refused) throw refused;
      return true;
    }, { timeoutMs: 20_000 });
    const refused = await produceOnce(loginAs('order', order.KAFKA_SASL_PASSWORD), 'shop.email.events');
    expect(refused?.message).toMatch(/authoriz/i);
  });

  it('answers the host on its own listener, with the same logins', async () => {
    const admin = new Kafka({
      ...kafkaCredentials(composeEnvironment(services.topics!)),
      clientId: 'it-compose-kafka-host',
      brokers: [`127.0.0.1:${PORTS.host}`],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    await admin.connect();
    try {
      expect(await admin.listTopics()).toEqual(expect.arrayContaining(['shop.order.events']));
    } finally {
      await admin.disconnect();
    }
  });
});
