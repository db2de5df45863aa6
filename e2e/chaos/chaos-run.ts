import { randomBytes } from 'node:crypto';
import os from 'node:os';
import {
  deadLetterOffsets,
  deadLettersSince,
  eachLimited,
  FINAL_STATUSES,
  type FinalOrder,
  getJson,
  type MailRecord,
  readEmails,
  readOrders,
  readSlackMessages,
  readStock,
  type SlackRecord,
} from './chaos-census.js';
import { type FaultDurations, type FaultKind, inject, type InjectedFault, MailFaults, planFaults, SlackFaults } from './chaos-faults.js';
import type { ChaosProduct, ChaosTarget } from './chaos-target.js';
import { HealthTimeline, type Recovery } from './health-timeline.js';
import { type ClientOrder, OrderTraffic } from './order-traffic.js';
import { countNotifications } from './chaos-report.js';
import { signedIn } from '../support/demo-sign-in.js';

export interface ChaosOptions {
  rate: number;
  /** The traffic's length at least: it goes on until the last fault is over and `gapMs` twice more. */
  durationMs: number;
  /** Between the end of one fault and the start of the next, so that each recovery is measured on its own. */
  gapMs: number;
  clients: number;
  faults: FaultKind[];
  durations: FaultDurations;
  /** How long the shop may take, after the traffic stops, to bring every order to its end and send every message. */
  settleMs: number;
  /** How long a client keeps retrying one request. */
  patienceMs: number;
  cancelEvery: number;
  onProgress?: (line: string) => void;
}

export const DEFAULT_OPTIONS: Omit<ChaosOptions, 'onProgress'> = {
  rate: 4,
  durationMs: 120_000,
  gapMs: 12_000,
  clients: 4,
  faults: ['kill-app', 'restart-postgres', 'restart-kafka', 'smtp-outage', 'slack-outage', 'broker-freeze'],
  durations: { postgresDownMs: 5_000, kafkaDownMs: 5_000, smtpOutageMs: 15_000, slackOutageMs: 15_000, brokerFreezeMs: 8_000, brokerDownMs: 10_000 },
  settleMs: 180_000,
  patienceMs: 120_000,
  cancelEvery: 8,
};

/** Everything a chaos run saw: the raw material of its report. */
export interface ChaosObservations {
  run: string;
  target: string;
  startedAt: string;
  options: Omit<ChaosOptions, 'onProgress'>;
  machine: { cpus: number; loadAverage: number[]; memoryGiB: number };
  products: ChaosProduct[];
  orders: ClientOrder[];
  final: Map<string, FinalOrder>;
  customerOrders: Map<string, string[]>;
  timelineGaps: string[];
  emails: MailRecord[];
  slack: SlackRecord[];
  stockBefore: Record<string, number>;
  stockAfter: Record<string, number>;
  deadLetters: { total: number; byTopic: Record<string, number>; byReason: Record<string, number> };
  faults: (InjectedFault & Recovery)[];
  /** The apps whose /health was not 200 in the last sample, at the very end of the run. */
  unhealthyAtEnd: string[];
  /** How long the orders flowed. */
  trafficMs: number;
  settledAfterMs?: number;
  fresh: { orderId?: string; shippedAfterMs?: number; error?: string };
}

/**
 * The chaos scenario: orders at a steady rate from several clients while every
 * app is killed, PostgreSQL and Kafka restart, SMTP and Slack fail and the
 * broker hangs; then the shop settles and everything is counted.
 */
export async function runChaos(target: ChaosTarget, options: ChaosOptions): Promise<ChaosObservations> {
  const say = options.onProgress ?? (() => undefined);
  const run = randomBytes(4).toString('hex');
  const startedAt = new Date().toISOString();
  const apps = await target.apps();

  say(`checking that ${apps.length} apps are healthy (${target.description})`);
  await until('every app healthy', 60_000, async () => Object.values(await target.health()).every(Boolean));

  const expectedOrders = Math.ceil((options.rate * options.durationMs) / 1000);
  const products: ChaosProduct[] = [
    { sku: `CHAOS-${run}-MUG`, name: `Chaos test mug (run ${run})`, priceCents: 1_000, stock: 100_000 },
    { sku: `CHAOS-${run}-TEE`, name: `Chaos test tee (run ${run})`, priceCents: 2_000, stock: 100_000 },
    // Every fifth order asks for this one too; there is enough for about half of them, so some are rejected.
    { sku: `CHAOS-${run}-RARE`, name: `Chaos test rarity (run ${run})`, priceCents: 5_000, stock: Math.max(3, Math.floor(expectedOrders / 5)) },
  ];
  await target.addProducts(products);
  const stockBefore = await readStock(target.gatewayUrl, products);
  const deadLettersBefore = await deadLetterOffsets(target.kafkaBrokers, target.kafkaLogin);

  const timeline = new HealthTimeline(target);
  const traffic = new OrderTraffic({ gatewayUrl: target.gatewayUrl, run, rate: options.rate, clients: options.clients, products, cancelEvery: options.cancelEvery, patienceMs: options.patienceMs });
  const planned = planFaults(apps, options.faults);
  say(`run ${run}: ${options.rate} orders/s from ${options.clients} clients for ${options.durationMs / 1000} s; ${planned.length} faults`);

  const t0 = Date.now();
  timeline.start();
  traffic.start();
  const progress = setInterval(() => say(progressLine(t0, traffic.orders, timeline)), 5_000);
  const mail = new MailFaults(target.mailpitUrl);
  const slack = new SlackFaults(target.slackSinkUrl);
  const faults: InjectedFault[] = [];
  await sleep(Math.max(5_000, options.durationMs * 0.1));
  for (const fault of planned) {
    say(`t=${seconds(Date.now() - t0)} ${fault.label}`);
    faults.push(await inject(target, fault, options.durations, mail, slack));
    await sleep(options.gapMs);
  }
  await sleep(Math.max(t0 + options.durationMs, Date.now() + options.gapMs) - Date.now());
  say(`t=${seconds(Date.now() - t0)} no new orders; waiting for the clients still retrying`);
  const trafficMs = Date.now() - t0;
  await traffic.stop();
  clearInterval(progress);

  const accepted = traffic.orders.filter((order) => order.orderId);
  say(`settling: ${accepted.length} accepted orders to reach a final state, their e-mails and Slack messages to go out`);
  const settleStart = Date.now();
  let final = await readOrders(target.gatewayUrl, accepted);
  const settled = await untilOrUndefined(options.settleMs, async () => {
    final = await readOrders(target.gatewayUrl, accepted);
    return accepted.every((order) => FINAL_STATUSES.includes(final.get(order.orderId!)?.status ?? '')) || undefined;
  });
  let emails: MailRecord[] = [];
  let slackMessages: SlackRecord[] = [];
  const orderIds = new Set(accepted.map((order) => order.orderId!));
  // Waits until each expected message has arrived, not until as many messages have: a message
  // sent twice (a kill between the send and the commit) must not stand in for one still on its way.
  await untilOrUndefined(Math.max(15_000, options.settleMs - (Date.now() - settleStart)), async () => {
    emails = await readEmails(target.mailpitUrl, run);
    slackMessages = await readSlackMessages(target.slackSinkUrl, orderIds);
    const { emails: mailCounts, slack: slackCounts } = countNotifications(accepted, final, emails, slackMessages);
    return (mailCounts.missing.length === 0 && slackCounts.missing.length === 0) || undefined;
  });
  const settledAfterMs = settled ? Date.now() - settleStart : undefined;

  const customerOrders = new Map<string, string[]>();
  for (const customerId of new Set(traffic.orders.map((order) => order.customerId))) {
    const list = await getJson<{ orders: { orderId: string }[] }>(`${target.gatewayUrl}/customers/${customerId}/orders`, customerId);
    customerOrders.set(customerId, list?.orders.map((order) => order.orderId) ?? []);
  }
  const timelineGaps = await missingTimelineEvents(target.gatewayUrl, [...final.values()]);
  const stockAfter = await readStock(target.gatewayUrl, products);
  const deadLetters = await deadLettersSince(target.kafkaBrokers, target.kafkaLogin, deadLettersBefore);

  say('placing one fresh order and following it to SHIPPED');
  const fresh = await freshOrder(target.gatewayUrl, run, products[0]!);
  await timeline.stop();

  return {
    run,
    target: target.description,
    startedAt,
    options: { ...options, onProgress: undefined } as Omit<ChaosOptions, 'onProgress'>,
    machine: { cpus: os.cpus().length, loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100), memoryGiB: Math.round(os.totalmem() / 2 ** 30) },
    products,
    orders: traffic.orders,
    final,
    customerOrders,
    timelineGaps,
    emails,
    slack: slackMessages,
    stockBefore,
    stockAfter,
    deadLetters,
    faults: faults.map((fault) => ({ ...fault, ...timeline.recoveryFrom(fault, apps) })),
    unhealthyAtEnd: apps.filter((app) => timeline.samples.at(-1)?.healthy[app] !== true),
    trafficMs,
    ...(settledAfterMs !== undefined && { settledAfterMs }),
    fresh,
  };
}

/** Orders whose history timeline lacks one of the events their final state implies. */
async function missingTimelineEvents(gatewayUrl: string, orders: FinalOrder[]): Promise<string[]> {
  const gaps: string[] = [];
  await eachLimited(orders, 8, async (order) => {
    const timeline = await getJson<{ entries: { type: string }[] }>(`${gatewayUrl}/orders/${order.orderId}/timeline`, order.customerId);
    const types = new Set(timeline?.entries.map((entry) => entry.type) ?? []);
    const needed = ['shop.order.placed.v1', ...(order.wasConfirmed ? ['shop.order.confirmed.v1'] : []), `shop.order.${order.status.toLowerCase()}.v1`];
    if (needed.some((type) => !types.has(type))) gaps.push(order.orderId);
  });
  return gaps;
}

/** The shop works again by itself: a new order goes all the way. */
async function freshOrder(gatewayUrl: string, run: string, product: ChaosProduct): Promise<ChaosObservations['fresh']> {
  const placedAt = Date.now();
  const customerId = `chaos-${run}-fresh`;
  const response = await signedIn(gatewayUrl, customerId).then((authorization) => fetch(`${gatewayUrl}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authorization, 'Idempotency-Key': `chaos-${run}-fresh` },
    body: JSON.stringify({
      email: `chaos-${run}-fresh@example.com`,
      items: [{ sku: product.sku, quantity: 1 }],
      shippingAddress: { name: 'Chaos Monkey', line1: '1 Fault Lane', city: 'Berlin', postalCode: '10115', country: 'DE' },
    }),
  })).catch((error: Error) => error);
  if (response instanceof Error || response.status !== 202) {
    return { error: response instanceof Error ? response.message : `POST /orders answered ${response.status}` };
  }
  const { orderId } = (await response.json()) as { orderId: string };
  const shipped = await untilOrUndefined(60_000, async () => (await getJson<{ status: string }>(`${gatewayUrl}/orders/${orderId}`, customerId))?.status === 'SHIPPED' || undefined);
  return shipped ? { orderId, shippedAfterMs: Date.now() - placedAt } : { orderId, error: 'not SHIPPED within 60 s' };
}

function progressLine(t0: number, orders: ClientOrder[], timeline: HealthTimeline): string {
  const accepted = orders.filter((order) => order.orderId).length;
  const waiting = orders.filter((order) => !order.orderId && !order.gaveUp && !order.refused).length;
  const latest = timeline.samples.at(-1);
  const down = latest ? Object.entries(latest.healthy).filter(([, up]) => !up).map(([app]) => app) : [];
  return `t=${seconds(Date.now() - t0)} placed ${orders.length}, accepted ${accepted}, retrying ${waiting}${down.length ? `; unhealthy: ${down.join(', ')}` : ''}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const seconds = (ms: number) => `${Math.round(ms / 1000)}s`;

/** Polls until `probe` returns something, or undefined after `timeoutMs`. */
async function untilOrUndefined<T>(timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) return undefined;
    await sleep(1_000);
  }
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | false>): Promise<T> {
  const value = await untilOrUndefined(timeoutMs, async () => (await probe()) || undefined);
  if (value === undefined) throw new Error(`gave up after ${timeoutMs / 1000} s waiting for ${what}`);
  return value;
}
