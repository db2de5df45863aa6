import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { deadLetterTopic, Topics } from '@shop/event-contracts';
import { ANY_ACL } from '@shop/runtime';
import pg from 'pg';
import { APP_ENTRY } from '../../tools/services/services.mjs';
import { GatewayClient, deliverableAddress } from '../support/gateway-client.js';
import { infra, kafkaLogin } from '../support/environment.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { recordTopic, testKafka } from '../support/kafka-test-topics.js';
import { messageCount } from '../support/kafka-topic-probes.js';
import { deleteGroups, startGroupAtEnd } from '../support/order-events.js';
import { asAdmin } from '../support/postgres-admin.js';
import { ShopSystem } from '../support/shop-system.js';
import { stopChild } from '../support/stop-child.js';
import { GiveUp, waitFor } from '../support/wait-for.js';
import { RepositoryCopy } from './repository-copy.js';

/**
 * What the README's "Add a subscriber" says, done on a copy of the repository
 * beside a running shop: orders first, then `./shop new subscriber` for two
 * order events, only the new folder (and the files made from the folders)
 * changed, the subscriber built, migrated and started while orders keep
 * coming; it must have handled every past event of its types exactly once,
 * then a new order's live; `./shop catch-up` shows it caught up; then
 * `./shop remove subscriber` takes everything away again.
 */
const kafka = testKafka('e2e-subscriber');
const shop = new ShopSystem(3350);
const SUBSCRIBER_PORT = 3360;
const TYPES = ['shop.order.placed.v1', 'shop.order.shipped.v1'];
/**
 * The subscriber reads the whole order topic, and so does the exactly-once check. On a fresh Kafka
 * (CI) that is a few thousand events; a checkout whose Kafka has served long load runs
 * (`./shop load`, `./shop bench capacity`) can hold hundreds of thousands, read at ~2,300-2,800
 * events/s on 2 cores. So those two waits grow with the log, counted at 1,000 events/s.
 */
const readingLogS = (events: number) => Math.max(180, Math.ceil(events / 1_000));
const name = `loyalty-${randomBytes(3).toString('hex').replace(/^\d/, 'a')}`;
const database = `shop_${name.replaceAll('-', '_')}`;
const product = `IT-SUB-${name}`.toUpperCase();

let gateway: GatewayClient;
let copy: RepositoryCopy;
let subscriber: ChildProcess | undefined;
const subscriberOutput: string[] = [];

async function placeShipped(count: number, label: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const customerId = `sub-${name}-${label}-${i}`;
    const placed = await gateway.placeOrder({ customerId, email: `${customerId}@example.com`, items: [{ sku: product, quantity: 1 }], shippingAddress: deliverableAddress });
    expect(placed.status).toBe(202);
    ids.push(placed.body.orderId);
  }
  for (const id of ids) await gateway.statusReaches(id, 'SHIPPED', 60_000);
  return ids;
}

/** What the subscriber remembered: one row per event handled (its generated SeenEvent table). */
async function seen(): Promise<{ eventId: string; subject: string; type: string }[]> {
  const client = new pg.Client({ host: infra.postgres.host, port: infra.postgres.port, user: database, password: `${database}_dev_password`, database });
  await client.connect();
  try {
    return (await client.query('SELECT "eventId", "subject", "type" FROM "SeenEvent"')).rows;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  // The notifiers start at the end of the topics: what earlier tests left there is not this test's to send.
  await startGroupAtEnd(kafka, 'email', [Topics.orderEvents]);
  await startGroupAtEnd(kafka, 'slack-notifier', [Topics.orderEvents, Topics.shippingEvents]);
  await addProduct(product, 1_000);
  await shop.start();
  gateway = new GatewayClient(shop.gatewayUrl);
  copy = await RepositoryCopy.create();
}, 180_000);

afterAll(async () => {
  await stopChild(subscriber);
  if (existsSync(path.join(copy?.dir ?? '/nonexistent', 'apps', name))) await copy.shop('remove', 'subscriber', name).catch(() => undefined);
  copy?.dispose();
  await shop.stop();
}, 120_000);

describe('./shop new subscriber: a new service that receives every past and future event', () => {
  it('touches no producer, catches up on the whole history exactly once, goes on live, and is removed cleanly', async () => {
    const past = await placeShipped(4, 'past');
    const readingS = readingLogS(await messageCount(kafka, Topics.orderEvents));

    const made = await copy.shop('new', 'subscriber', name, '--events', TYPES.join(','));
    expect(made).toContain(`created apps/${name}: port 3007, consumer group ${name}`);
    expect((await copy.changes()).sort()).toEqual([`apps/${name}/`, 'deploy/helm/event-shop/values.yaml', 'deploy/kafka-acls.json', 'docker-compose.yml', 'pnpm-lock.yaml']);

    // Its code passes the project's lint and its own specs as generated.
    await copy.pnpm('exec', 'eslint', `apps/${name}`);
    // As ./shop up would: build it, make its database (PostgreSQL is running: provisioned anew), migrate it.
    await copy.pnpm('turbo', 'run', 'build', `--filter=@shop/${name}`, '--output-logs=errors-only');
    await copy.shop('infra', 'start', 'postgres');
    const env = await copy.appEnvironment(name);
    await copy.migrate(name, env.DATABASE_URL!);
    // Its Kafka login and read-only ACLs, as ./shop up gives them with no list edited.
    await copy.admitToKafka();

    // Orders keep coming while it catches up.
    const during = placeShipped(4, 'during');
    subscriber = spawn(process.execPath, ['--disable-warning=TimeoutNegativeWarning', path.join(copy.dir, 'apps', name, APP_ENTRY)], {
      env: { PATH: process.env.PATH, ...env, PORT: String(SUBSCRIBER_PORT) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    subscriber.stdout!.on('data', (chunk) => subscriberOutput.push(String(chunk)));
    subscriber.stderr!.on('data', (chunk) => subscriberOutput.push(String(chunk)));
    await waitFor(`${name} healthy`, async () => {
      if (subscriber!.exitCode !== null) throw new GiveUp(`${name} exited: ${subscriberOutput.join('')}`);
      return (await fetch(`http://127.0.0.1:${SUBSCRIBER_PORT}/health`)).ok ? true : undefined;
    }, { timeoutMs: 60_000 });
    const flowing = await during;

    const caughtUp = await copy.shop('catch-up', name, Topics.orderEvents, '--timeout-s', String(readingS)).catch((error: Error) => {
      error.message += `\n${name}'s output ends:\n${subscriberOutput.join('').slice(-3_000)}`;
      throw error;
    });
    expect(caughtUp).toMatch(new RegExp(`${name} caught up: \\d+ events in`));
    const expected = (orders: string[]) => orders.flatMap((orderId) => TYPES.map((type) => `${orderId} ${type}`));
    const rows = await waitFor('every past and flowing order seen', async () => {
      const current = await seen();
      const keys = new Set(current.map((row) => `${row.subject} ${row.type}`));
      return expected([...past, ...flowing]).every((key) => keys.has(key)) ? current : undefined;
    }, { timeoutMs: 60_000 });

    // Exactly once: one row per event of its types in the whole log, however many copies the log holds
    // (what earlier tests left there that breaks the contract is dead-lettered, not seen).
    const log = await recordTopic(kafka, Topics.orderEvents);
    const dlq = deadLetterTopic(Topics.orderEvents, name);
    const deadLetters = (await listTopics()).includes(dlq) ? await recordTopic(kafka, dlq) : undefined;
    try {
      const ofTypes = (messages: typeof log.received) => new Set(messages.filter((m) => TYPES.includes(m.headers.ce_type!)).map((m) => m.headers.ce_id!));
      const eventsInLog = await waitFor('the whole order topic read', async () => {
        const ids = ofTypes(log.received);
        return ids.size >= rows.length ? ids : undefined;
      }, { timeoutMs: readingS * 1_000 });
      const deadLettered = ofTypes(deadLetters?.received ?? []);
      expect(rows.length).toBe(new Set(rows.map((row) => row.eventId)).size);
      expect(new Set(rows.map((row) => row.eventId))).toEqual(new Set([...eventsInLog].filter((id) => !deadLettered.has(id))));
    } finally {
      await log.stop();
      await deadLetters?.stop();
    }

    // Live: a new order's events arrive.
    const [live] = await placeShipped(1, 'live');
    await waitFor('the live order seen', async () => {
      const keys = new Set((await seen()).map((row) => `${row.subject} ${row.type}`));
      return expected([live!]).every((key) => keys.has(key)) ? true : undefined;
    }, { timeoutMs: 30_000 });

    await stopChild(subscriber);
    const removed = await copy.shop('remove', 'subscriber', name);
    expect(removed).toContain(`removed apps/${name}`);
    expect(await copy.changes()).toEqual([]);
    expect(await asAdmin('SELECT datname FROM pg_database WHERE datname = $1', [database])).toEqual([]);
    expect(await asAdmin('SELECT rolname FROM pg_roles WHERE rolname = $1', [database])).toEqual([]);
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect((await admin.listGroups()).groups.map((group) => group.groupId)).not.toContain(name);
      if (kafkaLogin().KAFKA_SASL_USERNAME) {
        // Its rights revoked: a later service of that name gets only what its own handlers need.
        expect(removed).toMatch(new RegExp(`ACLs of User:${name} deleted: [1-9]`));
        const { resources } = await admin.describeAcls({ ...ANY_ACL, principal: `User:${name}` });
        expect(resources).toEqual([]);
      }
    } finally {
      await admin.disconnect();
    }
    // A backstop: each wait above has its own bound, the two that read the log in proportion to it.
  }, 1_800_000);

  it('refuses a bad name or an unknown event type, naming the problem and the choices, and writes nothing', async () => {
    await expect(copy.shop('new', 'subscriber', 'Fraud_Check', '--events', TYPES[0]!)).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('"Fraud_Check" cannot name a subscriber: use lowercase letters and digits'),
    });
    await expect(copy.shop('new', 'subscriber', 'order', '--events', TYPES[0]!)).rejects.toMatchObject({
      stderr: expect.stringContaining('apps/order exists already'),
    });
    await expect(copy.shop('new', 'subscriber', 'fraud', '--events', 'shop.order.paid.v1')).rejects.toMatchObject({
      stderr: expect.stringMatching(/unknown event type or topic: shop\.order\.paid\.v1; choose among\n {2}shop\.order\.events \(from order\): shop\.order\.placed\.v1/),
    });
    await expect(copy.shop('remove', 'subscriber', 'order')).rejects.toMatchObject({
      stderr: expect.stringContaining('apps/order is not a subscriber made by ./shop new subscriber'),
    });
    expect(await copy.changes()).toEqual([]);
  });
});

afterAll(() => deleteGroups(kafka, [name]).catch(() => undefined));

async function listTopics(): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}
