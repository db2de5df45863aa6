import { randomUUID } from 'node:crypto';
import { testKafka } from '../support/kafka-test-topics.js';
import { messageCount, recordRawTopic } from '../support/kafka-topic-probes.js';
import { waitFor } from '../support/wait-for.js';
import { http, startIsolatedGateway, validOrder } from './isolated-gateway.js';

const kafka = testKafka('e2e-gateway-validation');

describe('gateway input validation (the built gateway as a process; no service answers it)', () => {
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;

  beforeAll(async () => {
    isolated = await startIsolatedGateway(kafka, 3180, { GATEWAY_REQUEST_TIMEOUT_MS: '1000' });
  }, 60_000);
  afterAll(() => isolated?.stop());

  it('answers 400 problem+json naming each bad field or the missing Idempotency-Key, and sends nothing', async () => {
    const order = validOrder(`cust-${randomUUID()}`);
    const key = { 'Idempotency-Key': randomUUID() };
    const cases: [unknown, Record<string, string>, string[]][] = [
      [{ ...order, items: [{ sku: 'MUG-01', quantity: 0 }] }, key, ['items.0.quantity']],
      [{ ...order, email: 'nope', shippingAddress: { ...order.shippingAddress, country: 'Germany' } }, key, ['email', 'shippingAddress.country']],
      [{ customerId: order.customerId }, key, ['email', 'items', 'shippingAddress']],
      [order, {}, ['Idempotency-Key']],
      [{ ...order, items: [] }, {}, ['Idempotency-Key', 'items']],
    ];
    for (const [body, headers, fields] of cases) {
      const response = await http(`${isolated.gateway.url}/orders`, { method: 'POST', body, headers, as: order.customerId });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ type: '/problems/invalid-request', title: 'Invalid request', status: 400 });
      expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual(fields);
      for (const error of response.body.errors) expect(error.message).toEqual(expect.stringMatching(/\S/));
    }
    // The topic is this run's alone, so its broker offsets say exactly what was produced.
    expect(await messageCount(kafka, isolated.requests.placeOrder.pattern)).toBe(0);
  });

  it('answers 400 for a malformed order id without asking the order service', async () => {
    for (const [method, path] of [['GET', '/orders/42'], ['POST', '/orders/42/cancel'], ['GET', '/orders/42/timeline']] as const) {
      const response = await http(`${isolated.gateway.url}${path}`, { method, as: 'anyone' });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'id', message: expect.any(String) }]);
    }
    const topics = [isolated.requests.getOrder, isolated.requests.cancelOrder, isolated.requests.getOrderTimeline];
    for (const { pattern } of topics) expect(await messageCount(kafka, pattern)).toBe(0);
  });

  it('does send a valid order, with its Idempotency-Key and the trace named in X-Trace-Id', async () => {
    const recorder = await recordRawTopic(kafka, isolated.requests.placeOrder.pattern);
    try {
      const order = validOrder(`cust-${randomUUID()}`);
      const key = randomUUID();
      const response = await http(`${isolated.gateway.url}/orders`, { method: 'POST', body: order, headers: { 'Idempotency-Key': key }, as: order.customerId });
      expect(response.status).toBe(503); // nobody serves this run's topics
      const traceId = response.headers.get('x-trace-id');
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      const sent = await waitFor('the request on the place-order topic', async () => recorder.received[0]);
      expect(JSON.parse(sent.value!)).toEqual({ ...order, idempotencyKey: key });
      expect(sent.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-0[01]$`));
    } finally {
      await recorder.stop();
    }
  });
});
