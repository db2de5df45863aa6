import { randomUUID } from 'node:crypto';
import { Topics } from '@shop/event-contracts';
import { signedIn } from '../support/demo-sign-in.js';
import { uniqueSuffix } from '../support/environment.js';
import { deliverableAddress, GatewayClient, type PlaceOrderBody } from '../support/gateway-client.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { startGroupAtEnd } from '../support/order-events.js';
import { ShopSystem } from '../support/shop-system.js';
import { type SseAnswer, type SseFrame, SseStream } from '../support/sse-client.js';
import { waitFor } from '../support/wait-for.js';

// Ports 3600-3606, apart from ./shop up and the other tests. Dispatch waits 2.5 s, so a stream can be cut
// while the order is CONFIRMED; three streams per customer, so the bound is quick to reach.
const PER_CUSTOMER = 3;
const shop = new ShopSystem(3600, {
  shipping: { SHIPPING_DISPATCH_DELAY_MS: '2500' },
  gateway: { GATEWAY_REQUEST_TIMEOUT_MS: '10000', ORDER_STREAMS_PER_CUSTOMER: String(PER_CUSTOMER), ORDER_STREAM_SETTLE_MS: '3000' },
});
let gateway: GatewayClient;
const run = uniqueSuffix();
const opened: SseStream[] = [];

interface Entry {
  eventId: string;
  type: string;
  source: string;
  time: string;
  summary: string;
}

async function placed(customerId: string, name: string): Promise<string> {
  const sku = `IT-${run}-${name}`.toUpperCase();
  await addProduct(sku, 5, 1_500);
  const body: PlaceOrderBody = { customerId, email: `${customerId}@example.com`, items: [{ sku, quantity: 1 }], shippingAddress: deliverableAddress };
  const answer = await gateway.placeOrder(body);
  expect(answer.status).toBe(202);
  return answer.body.orderId;
}

async function follow(orderId: string, as: string | undefined, headers: Record<string, string> = {}): Promise<SseAnswer> {
  const authorization = as === undefined ? {} : await signedIn(shop.gatewayUrl, as);
  const answer = await SseStream.open(`${shop.gatewayUrl}/orders/${orderId}/events`, { ...authorization, ...headers });
  if (answer.stream) opened.push(answer.stream);
  return answer;
}

const ended = (frames: readonly SseFrame[]) => frames.some((frame) => frame.event === 'end');

/** The timeline once history has every entry the streams showed (the e-mails and Slack posts come last), without `data`. */
async function finalTimeline(orderId: string, streamed: readonly Entry[]): Promise<Entry[]> {
  return waitFor('history to hold every streamed entry', async () => {
    const { status, body } = await gateway.timeline(orderId);
    if (status !== 200) return undefined;
    const entries = (body.entries as (Entry & { data: unknown })[]).map(({ data: _data, ...entry }) => entry);
    const ids = new Set(entries.map((entry) => entry.eventId));
    return streamed.every((entry) => ids.has(entry.eventId)) ? entries : undefined;
  }, { timeoutMs: 30_000, intervalMs: 250 });
}

const byId = (entries: readonly Entry[]) => [...entries].sort((a, b) => a.eventId.localeCompare(b.eventId));

beforeAll(async () => {
  // The notifiers start at the end of the topics: what earlier tests left there is not this test's to e-mail.
  // A group another run keeps busy is consuming at the end already (and cannot be moved): left as it is.
  const kafka = testKafka('e2e-order-stream');
  const unlessRunning = (error: Error) => {
    if (!/no running instances/.test(error.message)) throw error;
  };
  await startGroupAtEnd(kafka, 'email', [Topics.orderEvents]).catch(unlessRunning);
  await startGroupAtEnd(kafka, 'slack-notifier', [Topics.orderEvents, Topics.shippingEvents]).catch(unlessRunning);
  await shop.start();
  gateway = new GatewayClient(shop.gatewayUrl);
  // The gateway's event feed must be consuming before streams are accepted.
  await waitFor('the gateway to accept streams', async () => ((await gateway.request('GET', '/health')).status === 200 ? true : undefined), { timeoutMs: 30_000 });
}, 90_000);
afterAll(async () => {
  await Promise.all(opened.map((stream) => stream.close()));
  await shop.stop();
});

describe('GET /orders/:id/events, through the gateway and every service', () => {
  it('streams an order from placement to SHIPPED, then ends: the same entries as its final timeline, each once', async () => {
    const customer = `cust-${run}-live`;
    const orderId = await placed(customer, 'live');
    const answer = await follow(orderId, customer);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    expect(answer.headers.get('cache-control')).toBe('no-cache');
    expect(answer.headers.get('x-accel-buffering')).toBe('no');
    expect(answer.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const stream = answer.stream!;
    await stream.until('the end of the stream', ended, 60_000);
    await stream.done;

    const frames = stream.frames.filter((frame) => frame.event !== 'comment');
    expect(frames[0]).toMatchObject({ event: 'retry', data: '3000' });
    expect(frames[1]!.event).toBe('status');
    expect(frames.at(-1)!.event).toBe('end');
    expect(stream.events('end')).toEqual([{ orderId, status: 'SHIPPED' }]);
    const statuses = stream.events<{ status: string }>('status').map((status) => status.status);
    expect(statuses.at(-1)).toBe('SHIPPED');
    expect(['PENDING', 'CONFIRMED', 'SHIPPED'].filter((status) => statuses.includes(status))).toEqual(statuses); // forward only

    const entries = stream.events<Entry>('entry');
    expect(new Set(entries.map((entry) => entry.eventId)).size).toBe(entries.length);
    expect(entries.map((entry) => entry.type)).toEqual(expect.arrayContaining(['shop.order.placed.v1', 'shop.order.shipped.v1', 'shop.email.sent.v1']));
    for (const frame of stream.frames.filter((f) => f.event === 'entry')) expect(frame.id).toMatch(/^\d+_[0-9a-f-]{36}$/);
    expect(byId(entries)).toEqual(byId(await finalTimeline(orderId, entries)));
  }, 90_000);

  it('is a 404 for another customer’s order or an unknown one, and a 401 without credentials, before anything streams', async () => {
    const owner = `cust-${run}-owner`;
    const orderId = await placed(owner, 'owner');
    const theirs = await follow(orderId, `cust-${run}-other`);
    expect(theirs.status).toBe(404);
    expect(theirs.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await follow(randomUUID(), owner)).status).toBe(404);
    const anonymous = await follow(orderId, undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ status: 401 });
  });

  it('misses nothing across a cut: a reconnect with Last-Event-ID brings what the first connection had not', async () => {
    const customer = `cust-${run}-cut`;
    const orderId = await placed(customer, 'cut');
    const first = (await follow(orderId, customer)).stream!;
    await first.until('two entries', (frames) => frames.filter((frame) => frame.event === 'entry').length >= 2);
    await first.close();
    const lastEventId = first.lastEventId!;
    expect(lastEventId).toBeDefined();

    const second = (await follow(orderId, customer, { 'Last-Event-ID': lastEventId })).stream!;
    await second.until('the end of the stream', ended, 60_000);
    const seen = new Map<string, Entry>();
    for (const entry of [...first.events<Entry>('entry'), ...second.events<Entry>('entry')]) seen.set(entry.eventId, entry);
    expect(second.events('status')[0]).toEqual({ orderId, status: expect.any(String) });
    expect(byId([...seen.values()])).toEqual(byId(await finalTimeline(orderId, [...seen.values()])));
  }, 90_000);

  it(`holds at most ${PER_CUSTOMER} open streams per customer: one more is a 429, and a closed one frees its place at once`, async () => {
    const customer = `cust-${run}-many`;
    const orderId = await placed(customer, 'many');
    const streams = await Promise.all(Array.from({ length: PER_CUSTOMER }, () => follow(orderId, customer)));
    expect(streams.map((answer) => answer.status)).toEqual(Array(PER_CUSTOMER).fill(200));
    const refused = await follow(orderId, customer);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-streams', status: 429 });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    await streams[0]!.stream!.close();
    const again = await waitFor('a place to free up', async () => {
      const answer = await follow(orderId, customer);
      return answer.status === 200 ? answer : undefined;
    }, { timeoutMs: 5_000, intervalMs: 100 });
    expect(again.status).toBe(200);
  }, 60_000);
});
