import { randomUUID } from 'node:crypto';
import { Topics } from '@shop/event-contracts';
import { uniqueSuffix } from '../support/environment.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { startGroupAtEnd } from '../support/order-events.js';
import { deliverableAddress, GatewayClient, type PlaceOrderBody } from '../support/gateway-client.js';
import { isDatabaseSpan } from '../support/database-spans.js';
import { addProduct, stockOf } from '../support/inventory-fixtures.js';
import { ShopSystem } from '../support/shop-system.js';
import { type TraceSpan, waitForTraceSpans } from '../support/jaeger-traces.js';
import { waitFor } from '../support/wait-for.js';

// Ports apart from ./shop up (3000-3006) and the other tests.
// Dispatch waits 1.5 s, long enough for a cancel right after the reservation to win the race.
// The gateway waits up to 10 s for an answer: 50 orders at once on a 2-core CI machine, with eleven
// processes busy, can take the order service past the 3 s default, and these tests are about outcomes.
const shop = new ShopSystem(3200, {
  shipping: { SHIPPING_DISPATCH_DELAY_MS: '1500' },
  gateway: { GATEWAY_REQUEST_TIMEOUT_MS: '10000' },
});
let gateway: GatewayClient;

const run = uniqueSuffix();
const sku = (name: string) => `IT-${run}-${name}`.toUpperCase();
const order = (customerId: string, items: PlaceOrderBody['items'], address = deliverableAddress): PlaceOrderBody => ({
  customerId,
  email: `${customerId}@example.com`,
  items,
  shippingAddress: address,
});

const statusReaches = (orderId: string, status: string) => gateway.statusReaches(orderId, status);

beforeAll(async () => {
  // The notifiers start at the end of the topics: what earlier tests left there is not this test's to e-mail.
  const kafka = testKafka('e2e-flow');
  await startGroupAtEnd(kafka, 'email', [Topics.orderEvents]);
  await startGroupAtEnd(kafka, 'slack-notifier', [Topics.orderEvents, Topics.shippingEvents]);
  await shop.start();
  gateway = new GatewayClient(shop.gatewayUrl);
}, 90_000);
afterAll(() => shop.stop());

describe('an order through the gateway, across every service', () => {
  it('reaches SHIPPED, and history shows its whole timeline', async () => {
    const product = sku('ship');
    await addProduct(product, 5, 2_500);
    const placed = await gateway.placeOrder(order(`cust-${run}-1`, [{ sku: product, quantity: 2 }]));
    expect(placed.status).toBe(202);
    expect(placed.body).toMatchObject({ orderId: expect.any(String), status: 'PENDING' });
    expect(placed.headers.get('location')).toBe(`/orders/${placed.body.orderId}`);

    const shipped = await statusReaches(placed.body.orderId, 'SHIPPED');
    expect(shipped.pricing).toMatchObject({ totalCents: 5_000 });
    expect(await stockOf(product)).toBe(3);

    const saga = [
      'shop.order.placed.v1',
      'shop.inventory.stock-reserved.v1',
      'shop.order.confirmed.v1',
      'shop.shipping.shipment-created.v1',
      'shop.shipping.shipment-dispatched.v1',
      'shop.order.shipped.v1',
    ];
    // History consumes each topic on its own, so the entries arrive in any order; it sorts them by event time.
    const timeline = await waitFor('the full timeline in history', async () => {
      const { status, body } = await gateway.timeline(placed.body.orderId);
      const types: string[] = status === 200 ? body.entries.map((e: { type: string }) => e.type) : [];
      return saga.every((type) => types.includes(type)) ? types : undefined;
    });
    expect(timeline.filter((type) => saga.includes(type))).toEqual(saga);
    const customer = await gateway.customerOrders(`cust-${run}-1`);
    expect(customer.body.orders).toEqual([expect.objectContaining({ orderId: placed.body.orderId })]);
  });

  it('is REJECTED when it asks for more than the stock, and takes no stock', async () => {
    const product = sku('short');
    await addProduct(product, 2);
    const placed = await gateway.placeOrder(order(`cust-${run}-2`, [{ sku: product, quantity: 3 }]));
    const rejected = await statusReaches(placed.body.orderId, 'REJECTED');
    expect(rejected.statusReason).toEqual(expect.any(String));
    expect(await stockOf(product)).toBe(2);
  });

  it('sells the last 10 units exactly once among 50 concurrent orders', async () => {
    const product = sku('last10');
    await addProduct(product, 10);
    const placed = await Promise.all(
      Array.from({ length: 50 }, (_, i) => gateway.placeOrder(order(`cust-${run}-rush-${i}`, [{ sku: product, quantity: 1 }]))),
    );
    expect(placed.map((p) => p.status)).toEqual(Array(50).fill(202));
    const finals = await Promise.all(
      placed.map((p) =>
        waitFor(`order ${p.body.orderId} to settle`, async () => {
          const { body } = await gateway.getOrder(p.body.orderId);
          return body && body.status !== 'PENDING' ? body.status : undefined;
        }, { timeoutMs: 60_000, intervalMs: 250 }),
      ),
    );
    expect(finals.filter((s) => s === 'REJECTED')).toHaveLength(40);
    expect(finals.filter((s) => s !== 'REJECTED')).toHaveLength(10);
    expect(await stockOf(product)).toBe(0);
  });

  it('gives the stock back when the customer cancels', async () => {
    const product = sku('cancel');
    await addProduct(product, 4);
    const placed = await gateway.placeOrder(order(`cust-${run}-3`, [{ sku: product, quantity: 3 }]));
    await waitFor('stock to be reserved', async () => ((await stockOf(product)) === 1 ? true : undefined));
    const cancelled = await gateway.cancelOrder(placed.body.orderId);
    expect(cancelled.status).toBe(202);
    await statusReaches(placed.body.orderId, 'CANCELLED');
    await waitFor('the stock to come back', async () => ((await stockOf(product)) === 4 ? true : undefined));
  });

  it('shows and cancels an order only to its customer: to another it is a 404, and it stays as it was', async () => {
    const product = sku('owner');
    await addProduct(product, 5);
    const owner = `cust-${run}-owner`;
    const other = `cust-${run}-other`;
    const placed = await gateway.placeOrder(order(owner, [{ sku: product, quantity: 1 }]));
    expect(placed.status).toBe(202);
    const { orderId } = placed.body;
    const unknown = await gateway.getOrder(randomUUID(), other);
    const theirs = await gateway.getOrder(orderId, other);
    expect(theirs.status).toBe(404);
    expect(theirs.body.detail).toBe(unknown.body.detail.replace(/[0-9a-f-]{36}/, orderId));
    expect((await gateway.timeline(orderId, other)).status).toBe(404);
    expect((await gateway.cancelOrder(orderId, 'not mine', other)).status).toBe(404);
    expect((await gateway.customerOrders(owner, other)).status).toBe(404);
    const shipped = await statusReaches(orderId, 'SHIPPED');
    expect(shipped.customerId).toBe(owner);
  });

  it('compensates a shipping failure: the order is CANCELLED and the stock comes back', async () => {
    const product = sku('undeliverable');
    await addProduct(product, 3);
    const nowhere = { ...deliverableAddress, country: 'AQ' };
    const placed = await gateway.placeOrder(order(`cust-${run}-4`, [{ sku: product, quantity: 2 }], nowhere));
    const cancelled = await statusReaches(placed.body.orderId, 'CANCELLED');
    expect(cancelled.statusReason).toEqual(expect.any(String));
    await waitFor('the stock to come back', async () => ((await stockOf(product)) === 3 ? true : undefined));
  });

  it('answers the same Idempotency-Key with the same order, never a second one', async () => {
    const product = sku('idem');
    await addProduct(product, 10);
    const key = randomUUID();
    const body = order(`cust-${run}-5`, [{ sku: product, quantity: 1 }]);
    const [first, second] = await Promise.all([gateway.placeOrder(body, key), gateway.placeOrder(body, key)]);
    const third = await gateway.placeOrder(body, key);
    expect(new Set([first.body.orderId, second.body.orderId, third.body.orderId]).size).toBe(1);
    await statusReaches(first.body.orderId, 'SHIPPED');
    const customer = await gateway.customerOrders(`cust-${run}-5`);
    expect(customer.body.orders).toHaveLength(1);
    expect(await stockOf(product)).toBe(9);
  });

  it('answers bad bodies with 400s naming the field, and writes nothing', async () => {
    const customerId = `cust-${run}-bad`;
    const cases: [unknown, RegExp][] = [
      [{ ...order(customerId, [{ sku: sku('x'), quantity: 0 }]) }, /items\.0\.quantity/],
      [{ ...order(customerId, []) }, /items/],
      [{ ...order(customerId, [{ sku: sku('x'), quantity: 1 }]), email: 'not-an-email' }, /email/],
      [{ customerId }, /items|email|shippingAddress/],
    ];
    for (const [body, field] of cases) {
      const response = await gateway.request('POST', '/orders', body, { 'Idempotency-Key': randomUUID() }, customerId);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toMatch(field);
    }
    const customer = await gateway.customerOrders(customerId);
    expect(customer.body.orders).toEqual([]);
  });

  it('is one trace in Jaeger, parent to child across every Kafka hop, from the gateway request down', async () => {
    const product = sku('trace');
    await addProduct(product, 2);
    const placed = await gateway.placeOrder(order(`cust-${run}-trace`, [{ sku: product, quantity: 1 }]));
    expect(placed.headers.get('x-trace-id')).toBe(placed.body.traceId);
    await statusReaches(placed.body.orderId, 'SHIPPED');

    // Each link: [child, its parent], "service operation". Every event: create (outbox write) → publish (relay) → process.
    const event = (service: string, type: string, cause: string): [string, string][] => [
      [`${service} ${type} create`, cause],
      [`${service} ${type} publish`, `${service} ${type} create`],
    ];
    const hops: [string, string][] = [
      ['gateway shop.order.place request', 'gateway POST /orders'],
      ['order shop.order.place handle', 'gateway shop.order.place request'],
      ...event('order', 'shop.order.placed.v1', 'order shop.order.place handle'),
      ['inventory shop.order.placed.v1 process', 'order shop.order.placed.v1 publish'],
      ...event('inventory', 'shop.inventory.stock-reserved.v1', 'inventory shop.order.placed.v1 process'),
      ['order shop.inventory.stock-reserved.v1 process', 'inventory shop.inventory.stock-reserved.v1 publish'],
      ...event('order', 'shop.order.confirmed.v1', 'order shop.inventory.stock-reserved.v1 process'),
      ['shipping shop.order.confirmed.v1 process', 'order shop.order.confirmed.v1 publish'],
      ...event('shipping', 'shop.shipping.shipment-created.v1', 'shipping shop.order.confirmed.v1 process'),
      ['shipping shipment dispatch', 'shipping shop.order.confirmed.v1 process'],
      ...event('shipping', 'shop.shipping.shipment-dispatched.v1', 'shipping shipment dispatch'),
      ['order shop.shipping.shipment-dispatched.v1 process', 'shipping shop.shipping.shipment-dispatched.v1 publish'],
      ...event('order', 'shop.order.shipped.v1', 'order shop.shipping.shipment-dispatched.v1 process'),
      ['history shop.order.shipped.v1 process', 'order shop.order.shipped.v1 publish'],
      // The fan-out to the notifiers, down to their calls to the outside world.
      ['email shop.order.placed.v1 process', 'order shop.order.placed.v1 publish'],
      ['email shop.order.shipped.v1 process', 'order shop.order.shipped.v1 publish'],
      ['email smtp send', 'email shop.order.shipped.v1 process'],
      ...event('email', 'shop.email.sent.v1', 'email shop.order.shipped.v1 process'),
      ['history shop.email.sent.v1 process', 'email shop.email.sent.v1 publish'],
      ['slack-notifier shop.order.confirmed.v1 process', 'order shop.order.confirmed.v1 publish'],
      ['slack-notifier slack webhook post', 'slack-notifier shop.order.confirmed.v1 process'],
      ...event('slack-notifier', 'shop.slack.notified.v1', 'slack-notifier shop.order.confirmed.v1 process'),
      // The handler's transaction, and its statements.
      ['order pg.transaction', 'order shop.inventory.stock-reserved.v1 process'],
      ['order pg.query', 'order shop.inventory.stock-reserved.v1 process'],
    ];
    const spans = await waitForTraceSpans(placed.body.traceId, [...new Set(hops.flat())], 40_000);
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const name = (span: TraceSpan | undefined) => (span ? `${span.service} ${span.operation}` : 'nothing');
    // Events are written inside the handler's transaction, so its span may stand between a span and its cause.
    const causeOf = (span: TraceSpan): TraceSpan | undefined => {
      const parent = byId.get(span.parentSpanId!);
      return parent && isDatabaseSpan(parent.operation) ? causeOf(parent) : parent;
    };
    for (const [child, parent] of hops) {
      const candidates = spans.filter((span) => name(span) === child);
      expect({ child, parents: candidates.map((span) => name(causeOf(span))) }).toEqual({
        child,
        parents: expect.arrayContaining([parent]),
      });
    }
    const orphans = spans.filter((span) => span.parentSpanId && !byId.has(span.parentSpanId));
    expect(orphans).toEqual([]);
    expect(spans.filter((span) => !span.parentSpanId).map(name)).toEqual(['gateway POST /orders']);
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['gateway', 'order', 'inventory', 'shipping', 'email', 'history', 'slack-notifier']));
    expect(spans.some((span) => span.service === 'inventory' && span.operation === 'pg.query')).toBe(true);
  });
});
