import { Topics } from '@shop/event-contracts';
import { addProduct } from '../support/inventory-fixtures.js';
import { committedOffsets, recordRawTopic } from '../support/kafka-topic-probes.js';
import { EventProducer } from '../support/order-events.js';
import { waitFor } from '../support/wait-for.js';
import { NotifyingShop } from './notifying-shop.js';

// Apps on 3240-3246, Mailpit on 3250/3251, the Slack sink on 3252.
const shop = new NotifyingShop(3240);

beforeAll(() => shop.start(), 120_000);
afterAll(() => shop.stop(), 60_000);

interface SentEmailRow {
  eventId: string;
  orderId: string;
  template: string;
  recipient: string;
  messageId: string;
}

async function sentEmails(orderIds: string[]): Promise<SentEmailRow[]> {
  return shop.sql('email').$queryRawUnsafe<SentEmailRow[]>(
    'SELECT "eventId", "orderId"::text, template, recipient, "messageId" FROM "SentEmail" WHERE "orderId" = ANY($1::uuid[])',
    orderIds,
  );
}

/** Every message in the private Mailpit, by Message-ID; fails on a Message-ID seen twice. */
async function mailboxByMessageId() {
  const messages = await shop.mailpit.client.messages({ limit: 5_000 });
  const byId = new Map(messages.map((message) => [message.MessageID, message]));
  expect(byId.size).toBe(messages.length);
  return byId;
}

/** Waits until `count` e-mails of these orders are recorded and in the mailbox; returns the records. */
async function emailsArrive(orderIds: string[], count: number, timeoutMs = 60_000) {
  return waitFor(`${count} e-mails for ${orderIds.length} order(s)`, async () => {
    const rows = await sentEmails(orderIds);
    if (rows.length < count) return undefined;
    const mailbox = await mailboxByMessageId();
    return rows.every((row) => mailbox.has(row.messageId)) ? rows : undefined;
  }, { timeoutMs, intervalMs: 250 });
}

const templatesOf = (rows: SentEmailRow[], orderId: string) =>
  rows.filter((row) => row.orderId === orderId).map((row) => row.template).sort();

describe('the email service', () => {
  it('e-mails the customer once for each step of the order, from templates with the lines and the total', async () => {
    const sku = `IT-MAIL-${shop.groups.email.slice(-12)}`.toUpperCase();
    await addProduct(sku, 100, 1_250);
    const [shipped, rejected, cancelled] = await shop.placeAll(
      [shop.order([{ sku, quantity: 2 }]), shop.order([{ sku, quantity: 1_000 }]), shop.order([{ sku, quantity: 1 }])],
      1,
    );
    await shop.statusReaches(cancelled!.orderId, 'CONFIRMED');
    expect((await shop.gateway.cancelOrder(cancelled!.orderId)).status).toBe(202);
    await shop.statusReaches(shipped!.orderId, 'SHIPPED');
    await shop.statusReaches(rejected!.orderId, 'REJECTED');
    await shop.statusReaches(cancelled!.orderId, 'CANCELLED');

    const orderIds = [shipped!.orderId, rejected!.orderId, cancelled!.orderId];
    const rows = await emailsArrive(orderIds, 8);
    expect(rows).toHaveLength(8);
    expect(templatesOf(rows, shipped!.orderId)).toEqual(['order-confirmed', 'order-placed', 'order-shipped']);
    expect(templatesOf(rows, rejected!.orderId)).toEqual(['order-placed', 'order-rejected']);
    expect(templatesOf(rows, cancelled!.orderId)).toEqual(['order-cancelled', 'order-confirmed', 'order-placed']);

    // The confirmation as the customer sees it: both bodies, the lines and the total, a Message-ID made of the event id.
    const confirmation = rows.find((row) => row.orderId === shipped!.orderId && row.template === 'order-confirmed')!;
    expect(confirmation.messageId).toBe(`${confirmation.eventId}@event-shop.test`);
    const summary = (await mailboxByMessageId()).get(confirmation.messageId)!;
    expect(summary.To.map((to) => to.Address)).toEqual([confirmation.recipient]);
    const message = await shop.mailpit.client.message(summary.ID);
    for (const body of [message.Text, message.HTML]) {
      expect(body).toContain(sku);
      expect(body).toContain('€12.50');
      expect(body).toContain('€25.00');
    }
    const headers = await shop.mailpit.client.headers(summary.ID);
    expect(headers['X-Shop-Event-Id']).toEqual([confirmation.eventId]);
    expect(headers['X-Shop-Order-Id']).toEqual([shipped!.orderId]);
  });

  it('never e-mails twice for a redelivered event: not past the inbox, nor past its own record when the inbox forgot', async () => {
    const sku = `IT-MAIL2-${shop.groups.email.slice(-12)}`.toUpperCase();
    await addProduct(sku, 10, 500);
    // The order's events as the broker has them, for a redelivery below.
    const recorder = await recordRawTopic(shop.kafka, Topics.orderEvents, undefined, { from: 'now' });
    const { orderId } = (await shop.placeAll([shop.order([{ sku, quantity: 1 }])]))[0]!;
    await shop.statusReaches(orderId, 'SHIPPED');
    const rows = await emailsArrive([orderId], 3);
    const mailboxSize = (await mailboxByMessageId()).size;

    // The order events again, exactly as the broker had them (same ids): a redelivery.
    const originals = await waitFor('the order events on the topic', async () => {
      const found = recorder.received.filter((message) => message.key === orderId);
      return found.length >= 3 ? found : undefined; // placed, confirmed, shipped
    }, { timeoutMs: 30_000 });
    await recorder.stop();
    const producer = new EventProducer(shop.kafka);
    const redeliver = async () => {
      const sent = await producer.sendRaw(Topics.orderEvents, originals);
      await waitFor('the email group past the redelivered events', async () => {
        const committed = await committedOffsets(shop.kafka, shop.groups.email, Topics.orderEvents);
        return sent.every(({ partition, offset }) => Number(committed.get(partition) ?? -1) > Number(offset)) ? true : undefined;
      }, { timeoutMs: 30_000 });
    };
    await producer.connect();
    try {
      await redeliver();
      // The inbox forgets (as a new consumer group would know nothing): the sent-e-mail record still stops a resend.
      await shop.sql('email').$executeRawUnsafe('DELETE FROM inbox');
      await redeliver();
    } finally {
      await producer.disconnect();
    }
    expect(await sentEmails([orderId])).toHaveLength(rows.length);
    expect((await mailboxByMessageId()).size).toBe(mailboxSize);
  });
});

describe('the email service while the SMTP server is down', () => {
  const OUTAGE_MS = 30_000;

  it('keeps taking orders, opens its breaker and pauses, then sends all 100 orders\' e-mails once, dead-lettering none', async () => {
    const sku = `IT-OUTAGE-${shop.groups.email.slice(-12)}`.toUpperCase();
    await addProduct(sku, 1_000, 300);
    const deadLettersBefore = await shop.deadLetterCount('email');
    const hundredOrders = () => shop.placeAll(Array.from({ length: 100 }, () => shop.order([{ sku, quantity: 1 }])));
    // The same load with SMTP up first, for the report below: a ratio within one run, never a bound on time.
    const baseline = await hundredOrders();

    await shop.mailpit.stop();
    const smtpStoppedAt = Date.now();
    const answers = await hundredOrders();
    // Every order accepted: none waited out the gateway's timeout for an answer from the order service.
    expect(answers.map((answer) => answer.status)).toEqual(Array(100).fill(202));
    const [up, down] = [baseline, answers].map((run) => run.map((answer) => answer.ms).sort((a, b) => a - b));
    console.info(
      `POST /orders, 100 at 10 concurrent: SMTP up p50 ${up![49]!.toFixed(0)} ms p95 ${up![94]!.toFixed(0)} ms; ` +
        `SMTP down p50 ${down![49]!.toFixed(0)} ms p95 ${down![94]!.toFixed(0)} ms (p50 ratio ${(down![49]! / up![49]!).toFixed(2)})`,
    );

    const whileOpen = await shop.healthWithBreaker('email', 'smtp', 'open');
    // Paused, and still healthy: waiting out an outage is the consumer doing its job.
    expect(shop.consumerHealth(whileOpen, 'email')?.status).toBe('up');

    // The outage lasts its full length whatever the test has seen: this is the scenario, not a wait for a condition.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, smtpStoppedAt + OUTAGE_MS - Date.now())));
    await shop.mailpit.start();

    const orderIds = answers.map((answer) => answer.orderId);
    await Promise.all(orderIds.map((orderId) => shop.statusReaches(orderId, 'SHIPPED', 120_000)));
    const rows = await emailsArrive(orderIds, 300, 180_000);
    expect(rows).toHaveLength(300);
    for (const orderId of orderIds) expect(templatesOf(rows, orderId)).toEqual(['order-confirmed', 'order-placed', 'order-shipped']);
    const mailbox = await mailboxByMessageId();
    expect(rows.filter((row) => mailbox.has(row.messageId))).toHaveLength(300);
    // The backlog went out many e-mails a transaction (ADR 10): rows of one transaction share its xmin.
    const [{ transactions }] = await shop.sql('email').$queryRawUnsafe<{ transactions: number }[]>(
      'SELECT count(DISTINCT xmin::text)::int AS transactions FROM "SentEmail" WHERE "orderId" = ANY($1::uuid[])',
      orderIds,
    );
    expect(transactions).toBeLessThan(300);
    expect(await shop.deadLetterCount('email')).toBe(deadLettersBefore);
    await shop.healthWithBreaker('email', 'smtp', 'closed');
  }, 300_000);
});

describe('an e-mail that can never be sent', () => {
  it('is dead-lettered at once, and the e-mails after it go out', async () => {
    const sku = `IT-POISON-${shop.groups.email.slice(-12)}`.toUpperCase();
    await addProduct(sku, 10, 700);
    const poisonAddress = `poison-${shop.groups.email}@shop.invalid`;
    const [poison, next] = await shop.placeAll([shop.order([{ sku, quantity: 1 }], { email: poisonAddress }), shop.order([{ sku, quantity: 1 }])], 1);
    await shop.statusReaches(poison!.orderId, 'SHIPPED');
    await shop.statusReaches(next!.orderId, 'SHIPPED');

    expect(templatesOf(await emailsArrive([next!.orderId], 3), next!.orderId)).toEqual(['order-confirmed', 'order-placed', 'order-shipped']);
    const recorder = await recordRawTopic(shop.kafka, shop.deadLetterTopic('email'));
    try {
      const deadLetters = await waitFor('the poison order\'s three events dead-lettered', async () => {
        const found = recorder.received.filter((message) => message.key === poison!.orderId);
        return found.length >= 3 ? found : undefined;
      }, { timeoutMs: 30_000 });
      expect(deadLetters.map((message) => message.headers.ce_type).sort()).toEqual([
        'shop.order.confirmed.v1',
        'shop.order.placed.v1',
        'shop.order.shipped.v1',
      ]);
      for (const message of deadLetters) {
        expect(message.headers).toMatchObject({ dlq_reason: 'unprocessable', dlq_attempts: '1' });
        expect(message.headers.dlq_error).toContain('RFC 6761');
      }
    } finally {
      await recorder.stop();
    }
    expect(await sentEmails([poison!.orderId])).toEqual([]);
    expect(await shop.mailpit.client.search(`to:${poisonAddress}`)).toEqual([]);
  });
});
