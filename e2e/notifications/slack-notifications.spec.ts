import { addProduct } from '../support/inventory-fixtures.js';
import type { SlackMessage } from '../support/slack-sink.js';
import { waitFor } from '../support/wait-for.js';
import { NotifyingShop } from './notifying-shop.js';

// Apps on 3260-3266, Mailpit on 3270/3271, the Slack sink on 3272.
const shop = new NotifyingShop(3260);

beforeAll(() => shop.start(), 120_000);
afterAll(() => shop.stop(), 60_000);

async function notifications(orderIds: string[]) {
  return shop.sql('slack-notifier').$queryRawUnsafe<{ orderId: string; kind: string }[]>(
    'SELECT "orderId"::text, kind FROM "SlackNotification" WHERE "orderId" = ANY($1::uuid[])',
    orderIds,
  );
}

/** The sink's messages about an order: its id is in the fallback text. */
const about = (messages: SlackMessage[], orderId: string) => messages.filter((message) => message.payload.text?.includes(orderId));

async function messagesArrive(orderIds: string[], count: number, timeoutMs = 60_000) {
  return waitFor(`${count} Slack message(s) for ${orderIds.length} order(s)`, async () => {
    const messages = (await shop.sink.client.messages()).filter((message) => orderIds.some((id) => message.payload.text?.includes(id)));
    return messages.length >= count ? messages : undefined;
  }, { timeoutMs, intervalMs: 250 });
}

describe('the slack-notifier', () => {
  it('posts a Block Kit message once for a confirmed order, a rejection and a failed shipment, and nothing else', async () => {
    const sku = `IT-SLACK-${shop.groups['slack-notifier'].slice(-12)}`.toUpperCase();
    await addProduct(sku, 10, 990);
    const nowhere = { name: 'Nobody', line1: '1 Nowhere Road', city: 'Nowhere', postalCode: '00000', country: 'DE' };
    const [shipped, rejected, undeliverable] = await shop.placeAll(
      [shop.order([{ sku, quantity: 1 }]), shop.order([{ sku, quantity: 1_000 }]), shop.order([{ sku, quantity: 1 }], { shippingAddress: nowhere })],
      1,
    );
    await shop.statusReaches(shipped!.orderId, 'SHIPPED');
    await shop.statusReaches(rejected!.orderId, 'REJECTED');
    await shop.statusReaches(undeliverable!.orderId, 'CANCELLED');

    const orderIds = [shipped!.orderId, rejected!.orderId, undeliverable!.orderId];
    const messages = await messagesArrive(orderIds, 4);
    expect(messages).toHaveLength(4);
    const kinds = await notifications(orderIds);
    const kindsOf = (orderId: string) => kinds.filter((row) => row.orderId === orderId).map((row) => row.kind).sort();
    expect(kindsOf(shipped!.orderId)).toEqual(['order-confirmed']);
    expect(kindsOf(rejected!.orderId)).toEqual(['order-rejected']);
    expect(kindsOf(undeliverable!.orderId)).toEqual(['order-confirmed', 'shipment-failed']);

    const [confirmed] = about(messages, shipped!.orderId);
    expect(confirmed!.payload.blocks![0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Order confirmed: €9.90' } });
    expect(JSON.stringify(confirmed!.payload.blocks)).toContain(sku);
  });

  it('waits out a webhook answering 500, then 429: breaker open, consumption paused, Retry-After honoured, every message once, none dead-lettered', async () => {
    const RETRY_AFTER_SECONDS = 15; // longer than the breaker's 10 s reset: only honouring it keeps the next post back
    const sku = `IT-SLACK-OUT-${shop.groups['slack-notifier'].slice(-12)}`.toUpperCase();
    await addProduct(sku, 100, 100);
    const deadLettersBefore = await shop.deadLetterCount('slack-notifier');
    await shop.sink.client.clear();

    await shop.sink.client.setFault({ status: 500 });
    const answers = await shop.placeAll(Array.from({ length: 20 }, () => shop.order([{ sku, quantity: 1 }])));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(202));
    const whileOpen = await shop.healthWithBreaker('slack-notifier', 'slack-webhook', 'open');
    // Paused, and still healthy: waiting out an outage is the consumer doing its job.
    expect(shop.consumerHealth(whileOpen, 'slack-notifier')?.status).toBe('up');

    await shop.sink.client.setFault({ status: 429, retryAfterSeconds: RETRY_AFTER_SECONDS });
    const rateLimited = await waitFor('the webhook to answer 429', async () => {
      const found = (await shop.sink.client.requests()).find((request) => request.status === 429);
      if (found) await shop.sink.client.clearFault();
      return found;
    }, { timeoutMs: 30_000, intervalMs: 50 });

    const orderIds = answers.map((answer) => answer.orderId);
    const messages = await messagesArrive(orderIds, 20, 90_000);
    expect(messages).toHaveLength(20);
    for (const orderId of orderIds) expect(about(messages, orderId)).toHaveLength(1);
    expect((await notifications(orderIds)).map((row) => row.kind)).toEqual(Array(20).fill('order-confirmed'));
    expect(await shop.deadLetterCount('slack-notifier')).toBe(deadLettersBefore);

    // Nothing was posted before Retry-After ran out.
    const requests = await shop.sink.client.requests();
    const firstAfter = requests.find((request) => Date.parse(request.receivedAt) > Date.parse(rateLimited.answeredAt));
    expect(Date.parse(firstAfter!.receivedAt) - Date.parse(rateLimited.answeredAt)).toBeGreaterThanOrEqual(RETRY_AFTER_SECONDS * 1_000 - 50);
    await shop.healthWithBreaker('slack-notifier', 'slack-webhook', 'closed');
  }, 180_000);
});
