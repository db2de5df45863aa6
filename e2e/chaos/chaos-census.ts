import { Kafka, logLevel } from 'kafkajs';
import type { KafkaCredentials } from '@shop/runtime';
import { signedIn } from '../support/demo-sign-in.js';
import type { ChaosProduct } from './chaos-target.js';
import type { ClientOrder } from './order-traffic.js';

/** What the shop says of an order at the end. */
export interface FinalOrder {
  orderId: string;
  customerId: string;
  status: string;
  /** Stock was reserved for it at some point (the order service keeps the priced lines). */
  wasConfirmed: boolean;
  items: { sku: string; quantity: number }[];
}

export const FINAL_STATUSES = ['SHIPPED', 'REJECTED', 'CANCELLED'];

export type EmailTemplate = 'placed' | 'confirmed' | 'rejected' | 'cancelled' | 'shipped';
export type SlackKind = 'confirmed' | 'rejected' | 'shipment-failed';

/** The e-mails and Slack messages an order in this final state must have caused, once each. */
export function expectedNotifications(order: FinalOrder): { emails: EmailTemplate[]; slack: SlackKind[] } {
  const emails: EmailTemplate[] = ['placed'];
  const slack: SlackKind[] = [];
  if (order.wasConfirmed) {
    emails.push('confirmed');
    slack.push('confirmed');
  }
  if (order.status === 'REJECTED') {
    emails.push('rejected');
    slack.push('rejected');
  }
  if (order.status === 'CANCELLED') emails.push('cancelled');
  if (order.status === 'SHIPPED') emails.push('shipped');
  return { emails, slack };
}

/** JSON (from the gateway as customer `as`), or undefined for anything but 200. */
export async function getJson<T>(url: string, as?: string): Promise<T | undefined> {
  try {
    const headers = as === undefined ? {} : await signedIn(new URL(url).origin, as);
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    return response.ok ? (JSON.parse(text) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

/** Every accepted order as the order service has it now. */
export async function readOrders(gatewayUrl: string, accepted: ClientOrder[]): Promise<Map<string, FinalOrder>> {
  const found = new Map<string, FinalOrder>();
  await eachLimited(accepted, 8, async (order) => {
    const view = await getJson<{ status: string; pricing?: unknown; items: FinalOrder['items'] }>(`${gatewayUrl}/orders/${order.orderId}`, order.customerId);
    if (view) found.set(order.orderId!, { orderId: order.orderId!, customerId: order.customerId, status: view.status, wasConfirmed: view.pricing !== undefined, items: view.items });
  });
  return found;
}

export interface MailRecord {
  orderN: number;
  template: EmailTemplate | 'unknown';
  messageId: string;
}

const TEMPLATE_BY_SUBJECT: [RegExp, EmailTemplate][] = [
  [/^We received your order/, 'placed'],
  [/ confirmed$/, 'confirmed'],
  [/ could not be accepted$/, 'rejected'],
  [/ cancelled$/, 'cancelled'],
  [/ is on its way$/, 'shipped'],
];

/** Every e-mail Mailpit holds for this run's orders (each order has an address of its own). */
export async function readEmails(mailpitUrl: string, run: string): Promise<MailRecord[]> {
  const found: MailRecord[] = [];
  const pattern = new RegExp(`^chaos-${run}-(\\d+)@example\\.com$`);
  for (let start = 0; ; start += 500) {
    const page = await getJson<{ messages: { MessageID: string; Subject: string; To: { Address: string }[] }[] }>(
      `${mailpitUrl}/api/v1/search?query=${encodeURIComponent(`to:chaos-${run}-`)}&start=${start}&limit=500`,
    );
    if (!page) throw new Error(`Mailpit did not answer the search for chaos-${run}`);
    for (const message of page.messages) {
      const n = pattern.exec(message.To[0]?.Address ?? '')?.[1];
      if (n === undefined) continue;
      const template = TEMPLATE_BY_SUBJECT.find(([subject]) => subject.test(message.Subject))?.[1] ?? 'unknown';
      found.push({ orderN: Number(n), template, messageId: message.MessageID });
    }
    if (page.messages.length < 500) return found;
  }
}

export interface SlackRecord {
  orderId: string;
  kind: SlackKind;
  eventId: string;
}

/** Every Slack message the sink accepted for these orders. */
export async function readSlackMessages(sinkUrl: string, orderIds: Set<string>): Promise<SlackRecord[]> {
  const messages = await getJson<{ payload: { text?: string; blocks?: unknown[] } }[]>(`${sinkUrl}/api/messages`);
  if (!messages) throw new Error('the Slack sink did not answer');
  const found: SlackRecord[] = [];
  for (const { payload } of messages) {
    const text = payload.text ?? '';
    const match = /^Order (\S+) (confirmed|rejected)|^Shipment of order (\S+) failed/.exec(text);
    if (!match) continue;
    const orderId = match[1] ?? match[3]!;
    if (!orderIds.has(orderId)) continue;
    const kind: SlackKind = match[2] === 'confirmed' ? 'confirmed' : match[2] === 'rejected' ? 'rejected' : 'shipment-failed';
    const eventId = /event `([0-9a-f-]{36})`/.exec(JSON.stringify(payload.blocks ?? []))?.[1] ?? '';
    found.push({ orderId, kind, eventId });
  }
  return found;
}

/** The stock of each product, as the catalog lists it. */
export async function readStock(gatewayUrl: string, products: ChaosProduct[]): Promise<Record<string, number>> {
  const catalog = await getJson<{ products: { sku: string; stock: number }[] }>(`${gatewayUrl}/products`, 'chaos-census');
  if (!catalog) throw new Error('GET /products did not answer');
  return Object.fromEntries(products.map((p) => [p.sku, catalog.products.find((listed) => listed.sku === p.sku)?.stock ?? Number.NaN]));
}

/** The end offset of every dead-letter topic: the run's dead letters are what lies past them afterwards. */
export async function deadLetterOffsets(brokers: string[], login: KafkaCredentials): Promise<Map<string, Map<number, number>>> {
  const admin = new Kafka({ ...login, clientId: 'chaos', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.includes('.dlq.'));
    const ends = new Map<string, Map<number, number>>();
    for (const topic of topics) {
      const offsets = await admin.fetchTopicOffsets(topic);
      ends.set(topic, new Map(offsets.map(({ partition, high }) => [partition, Number(high)])));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/** The dead letters written since `before`, by topic and by reason (their dlq_reason header). */
export async function deadLettersSince(brokers: string[], login: KafkaCredentials, before: Map<string, Map<number, number>>) {
  const kafka = new Kafka({ ...login, clientId: 'chaos', brokers, logLevel: logLevel.NOTHING });
  const after = await deadLetterOffsets(brokers, login);
  const byReason: Record<string, number> = {};
  const byTopic: Record<string, number> = {};
  for (const [topic, partitions] of after) {
    for (const [partition, high] of partitions) {
      const low = before.get(topic)?.get(partition) ?? 0;
      if (high <= low) continue;
      byTopic[topic] = (byTopic[topic] ?? 0) + high - low;
      for (const reason of await reasonsOf(kafka, topic, partition, low, high)) byReason[reason] = (byReason[reason] ?? 0) + 1;
    }
  }
  return { total: Object.values(byTopic).reduce((sum, n) => sum + n, 0), byTopic, byReason };
}

async function reasonsOf(kafka: Kafka, topic: string, partition: number, from: number, to: number): Promise<string[]> {
  const consumer = kafka.consumer({ groupId: `chaos-census-${Date.now()}-${Math.random().toString(36).slice(2)}` });
  const reasons: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic });
    let done!: () => void;
    const finished = new Promise<void>((resolve) => (done = resolve));
    await consumer.run({
      eachMessage: async ({ partition: p, message }) => {
        const offset = Number(message.offset);
        if (p !== partition || offset < from || offset >= to) return;
        reasons.push(String(message.headers?.dlq_reason ?? 'unknown'));
        if (offset === to - 1) done();
      },
    });
    consumer.seek({ topic, partition, offset: String(from) });
    await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  } finally {
    await consumer.disconnect();
  }
  return reasons;
}
