import type { LoggerService } from '@nestjs/common';
import { ALL_EVENTS, EVENT_TOPICS, type EventContract, producerOf, REQUEST_PATTERNS, replyTopicOf } from '@shop/event-contracts';
import { EventConsumer, kafkaCredentials, requestServerOf, toKafkaAcl } from '@shop/runtime';
import { Kafka, logLevel, type RetryOptions } from 'kafkajs';
// The ACLs of this checkout's apps (not exported by the runtime: it reads the repository's tools/ and apps/).
import { shopAcls } from '../../libs/runtime/src/kafka/acl/shop-acls.js';
import { NativeInstance } from '../support/native-instance.js';
import { produceOnce } from '../support/produce-once.js';
import { waitFor } from '../support/wait-for.js';

/**
 * SHOP_KAFKA_AUTH=scram (README, "Who may write what"): a broker of the
 * test's own (ports moved by 6400, its own SHOP_STATE and passwords) that
 * requires a SCRAM login and enforces the ACLs ensure-topics derives. Each
 * service's login may do what its role needs (the positive half: without
 * it, a refusal could be any failure) and is refused producing to another
 * service's topic and joining another service's group; no login is refused.
 */
const instance = new NativeInstance(6400, { SHOP_KAFKA_AUTH: 'scram' });
const passwords = new Map<string, string>();

/** A client logging in as `login` says (KAFKA_SASL_USERNAME/PASSWORD), trying once: a refusal must show as an error, not as retries until a timeout. */
const client = (clientId: string, login: NodeJS.ProcessEnv, retry: RetryOptions = { retries: 0 }) =>
  new Kafka({ ...kafkaCredentials(login), clientId, brokers: instance.kafkaBrokers, logLevel: logLevel.NOTHING, retry, connectionTimeout: 5_000 });
const serviceClient = (service: string, retry?: RetryOptions) =>
  client(`it-acl-${service}`, { KAFKA_SASL_USERNAME: service, KAFKA_SASL_PASSWORD: passwords.get(service) }, retry);

/** Joins `groupId` reading `topic`: resolves to the error the consumer crashed with, or undefined once it joined. */
async function join(kafka: Kafka, groupId: string, topic: string): Promise<Error | undefined> {
  // Retries: the first group of a fresh broker waits for __consumer_offsets (COORDINATOR_NOT_AVAILABLE a while); a refusal is not retried.
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 10, initialRetryTime: 200, restartOnFailure: async () => false } });
  try {
    const outcome = new Promise<Error | undefined>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve(undefined));
      consumer.on(consumer.events.CRASH, ({ payload }) => resolve(payload.error));
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async () => undefined });
    return await outcome;
  } catch (error) {
    return error as Error;
  } finally {
    await consumer.disconnect();
  }
}

/**
 * Joins a group the login may use: a fresh broker may still be loading the group's coordinator
 * (COORDINATOR_LOAD_IN_PROGRESS, retriable), so a retriable failure is tried again; a refusal is not retriable.
 */
async function joinAllowed(kafka: Kafka, groupId: string, topic: string): Promise<Error | undefined> {
  for (let attempt = 1; ; attempt += 1) {
    const error = await join(kafka, groupId, topic);
    if (error === undefined || !(error as { retriable?: boolean }).retriable || attempt === 5) return error;
  }
}

/** A topic the service writes, from the contracts: its event topic, else a reply it sends, else (the gateway) a request. */
function ownTopicOf(service: string): string | undefined {
  return (
    EVENT_TOPICS.find((topic) => producerOf(topic) === service) ??
    REQUEST_PATTERNS.filter((pattern) => requestServerOf(pattern) === service).map(replyTopicOf)[0] ??
    (service === 'gateway' ? REQUEST_PATTERNS[0] : undefined)
  );
}

/** A topic the service reads and a group of its own to read it in, as its ACLs (unit-tested) say; a prefix is made a name. */
function readingOf(service: string): { topic: string; groupId: string } {
  const rules = shopAcls().filter((rule) => rule.principal === `User:${service}` && rule.operation === 'read');
  const topic = rules.find((rule) => rule.resource === 'topic' && !rule.name.includes('.dlq.'))!.name;
  const group = rules.find((rule) => rule.resource === 'group')!;
  return { topic, groupId: group.pattern === 'prefixed' ? `${group.name}it-${process.pid}` : group.name };
}

describe('Kafka with logins and ACLs (SHOP_KAFKA_AUTH=scram)', () => {
  let services: string[] = [];

  beforeAll(async () => {
    await instance.infra('start', 'kafka');
    await instance.resolve();
    // As ./shop up runs it, as the admin principal (infra/kafka/credentials.sh exports its login).
    const stdout = await instance.ensureTopics();
    expect(stdout).toMatch(/ACLs of the services in place/);
    const listed = await instance.bash('source infra/lib/common.sh && for s in "${SHOP_SERVICES[@]}"; do echo "$s $(kafka_password "$s")"; done');
    for (const line of listed.stdout.trim().split('\n')) {
      const [service, password] = line.split(' ');
      passwords.set(service!, password!);
    }
    services = [...passwords.keys()];
  }, 240_000);

  afterAll(async () => {
    await instance.dispose();
  }, 120_000);

  it('refuses a client without a login, and one with a wrong password', async () => {
    expect(await produceOnce(client('it-acl-anonymous', {}), EVENT_TOPICS[0]!)).toBeInstanceOf(Error);
    const wrong = await produceOnce(client('it-acl-wrong', { KAFKA_SASL_USERNAME: 'order', KAFKA_SASL_PASSWORD: 'not-it' }), EVENT_TOPICS[0]!);
    expect(wrong?.message).toMatch(/SASL SCRAM SHA512 authentication failed/i);
  });

  it('lets each service write its own topic, and refuses it another service\'s', async () => {
    expect(services).toEqual(expect.arrayContaining(['order', 'inventory', 'shipping', 'email', 'history', 'slack-notifier', 'gateway']));
    for (const service of services) {
      const kafka = serviceClient(service);
      const own = ownTopicOf(service);
      if (own !== undefined) expect([service, own, (await produceOnce(kafka, own))?.message]).toEqual([service, own, undefined]);
      const others = [
        // The gateway replays dead letters to the topic they came from, so it may write the event topics (service-acls.ts).
        ...EVENT_TOPICS.filter((topic) => producerOf(topic) !== service && service !== 'gateway'),
        ...REQUEST_PATTERNS.filter((pattern) => requestServerOf(pattern) !== service).map((pattern) => `${pattern}.reply`),
      ];
      for (const topic of others) expect([service, topic, (await produceOnce(kafka, topic))?.message]).toEqual([service, topic, expect.stringMatching(/not authorized/i)]);
    }
  }, 180_000);

  it('lets each service join its own group, and refuses it another service\'s', async () => {
    for (const service of services) {
      const kafka = serviceClient(service, { retries: 10, initialRetryTime: 200 });
      const { topic, groupId } = readingOf(service);
      expect([service, groupId, (await joinAllowed(kafka, groupId, topic))?.message]).toEqual([service, groupId, undefined]);
      for (const other of services.filter((name) => name !== service).map((name) => readingOf(name).groupId)) {
        // kafkajs reports FindCoordinator's GROUP_AUTHORIZATION_FAILED as "Failed to find group coordinator" or as the
        // authorization error; the same client and topic joined its own group just above, so only the group differs.
        expect([service, other, (await join(kafka, other, topic))?.message]).toEqual([service, other, expect.stringMatching(/not authorized|failed to find group coordinator/i)]);
      }
    }
  }, 240_000);

  it('keeps building a consumer refused its group (an ACL not yet in force on that broker) until it is let in', async () => {
    const { topic, groupId } = readingOf('order');
    const groupRule = shopAcls().find((rule) => rule.principal === 'User:order' && rule.resource === 'group' && rule.operation === 'read')!;
    const admin = client('it-acl-admin', instance.settings, { retries: 5 }).admin();
    await admin.connect();
    const refusals: string[] = [];
    const logger: LoggerService = {
      log: () => undefined,
      error: () => undefined,
      warn: (entry: { msg?: string; error?: string }) => {
        if (entry.msg === 'consumer stopped by an error; starting a new one') refusals.push(entry.error ?? '');
      },
    };
    const consumer = new EventConsumer({
      kafka: serviceClient('order', { retries: 5, initialRetryTime: 200 }),
      groupId,
      logger,
      // The topic stays empty: no event reaches a handler or the database.
      database: {
        $transaction: async () => {
          throw new Error('no event was produced, none can be handled');
        },
      },
    }).on(ALL_EVENTS.find((contract) => contract.topic === topic)! as EventContract<unknown, string>, async () => undefined);
    try {
      await admin.deleteAcls({ filters: [toKafkaAcl(groupRule)] });
      await consumer.start();
      // Refused twice: the second refusal is of a consumer built again, reported before its run() returned.
      await waitFor('a second refusal', async () => (refusals.length >= 2 ? true : undefined), { timeoutMs: 60_000 });
      expect(refusals[0]).toMatch(/not authorized to access group|failed to find group coordinator/i);
      expect(consumer.status().down).toBeDefined();
      await admin.createAcls({ acl: [toKafkaAcl(groupRule)] });
      await waitFor('the consumer to join once let in', async () => (consumer.status().down === undefined ? true : undefined), { timeoutMs: 60_000 });
      expect(consumer.assertHealthy()).toMatchObject({ pausedForBreaker: false });
    } finally {
      await consumer.stop();
      await admin.createAcls({ acl: [toKafkaAcl(groupRule)] });
      await admin.disconnect();
    }
  }, 180_000);
});
