import type { INestApplication } from '@nestjs/common';
import { errorReply, okReply, type OrderView, Requests } from '@shop/event-contracts';
import { type InMemoryTracing, startInMemoryTracing } from '@shop/runtime';
import { FakeRequestClient } from './testing/fake-request-client.js';
import { startTestApi } from './testing/start-test-api.js';

const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
const customerId = 'cust-1';
const body = {
  email: 'ada@example.com',
  items: [{ sku: 'MUG-01', quantity: 2 }],
  shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
};
const order: OrderView = {
  orderId,
  customerId,
  ...body,
  status: 'PENDING',
  placedAt: '2026-11-23T17:00:00.000Z',
  updatedAt: '2026-11-23T17:00:00.000Z',
};

describe('the gateway HTTP API (services faked)', () => {
  const client = new FakeRequestClient();
  let tracing: InMemoryTracing;
  let app: INestApplication;
  let url: string;
  let token: string;

  /** As customer cust-1 (signed in with the demo sign-in), unless the headers say otherwise. */
  async function http(method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
    const response = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...options.headers },
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }
  const placeOrder = (orderBody: unknown, headers: Record<string, string> = { 'Idempotency-Key': 'key-1' }) =>
    http('POST', '/orders', { body: orderBody, headers });

  beforeAll(async () => {
    tracing = startInMemoryTracing('gateway-test');
    ({ app, url } = await startTestApi(client));
    token = (await http('POST', '/auth/token', { body: { customerId }, headers: { authorization: '' } })).body.access_token;
  });
  afterAll(async () => {
    await app.close();
    await tracing.shutdown();
  });
  beforeEach(() => client.reset());

  describe('POST /orders', () => {
    it('forwards the order with the Idempotency-Key and answers 202 with the id, the trace id and the Location', async () => {
      client.answer(Requests.placeOrder.pattern, async () => okReply({ orderId, status: 'PENDING' }));
      const response = await placeOrder(body);
      expect(response.status).toBe(202);
      expect(response.body).toEqual({ orderId, status: 'PENDING', traceId: expect.stringMatching(/^[0-9a-f]{32}$/) });
      expect(response.headers.get('location')).toBe(`/orders/${orderId}`);
      expect(response.headers.get('x-trace-id')).toBe(response.body.traceId);
      expect(client.calls).toEqual([{ pattern: 'shop.order.place', request: { ...body, customerId, idempotencyKey: 'key-1' } }]);
    });

    it('continues the caller’s trace and names the span by route', async () => {
      client.answer(Requests.placeOrder.pattern, async () => okReply({ orderId, status: 'PENDING' }));
      const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
      const response = await placeOrder(body, { 'Idempotency-Key': 'key-2', traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
      expect(response.body.traceId).toBe(traceId);
      const spans = await waitForSpans(tracing, (span) => span.spanContext().traceId === traceId);
      expect(spans.map((span) => span.name)).toContain('POST /orders');
    });

    it('puts neither the token nor an API key on any span', async () => {
      client.answer(Requests.placeOrder.pattern, async () => okReply({ orderId, status: 'PENDING' }));
      const response = await placeOrder(body, { 'Idempotency-Key': 'key-3', 'X-Api-Key': 'an-operator-key' });
      const spans = await waitForSpans(tracing, (span) => span.spanContext().traceId === response.body.traceId);
      const recorded = JSON.stringify(spans.map((span) => ({ name: span.name, attributes: span.attributes, events: span.events })));
      expect(recorded).not.toContain(token);
      expect(recorded).not.toContain('an-operator-key');
    });

    it('answers 400 naming every bad field, and sends nothing', async () => {
      const response = await placeOrder({ ...body, email: 'nope', items: [{ sku: 'MUG-01', quantity: 0 }] });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual({
        type: '/problems/invalid-request',
        title: 'Invalid request',
        status: 400,
        detail: expect.any(String),
        errors: [
          { field: 'email', message: expect.any(String) },
          { field: 'items.0.quantity', message: expect.any(String) },
        ],
        instance: '/orders',
        traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(client.calls).toEqual([]);
    });

    it('answers 400 without an Idempotency-Key, and sends nothing', async () => {
      const response = await placeOrder(body, {});
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringMatching(/^required/) }]);
      expect(client.calls).toEqual([]);
    });

    it('answers 400 problem+json to a body that is not JSON', async () => {
      const response = await http('POST', '/orders', { raw: '{"customerId": ', headers: { 'Idempotency-Key': 'k' } });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(client.calls).toEqual([]);
    });

    it('answers 400 with the order service’s own field errors when it refuses the order', async () => {
      client.answer(Requests.placeOrder.pattern, async () =>
        errorReply('INVALID', 'idempotencyKey: reused for another order', [{ path: 'idempotencyKey', message: 'reused for another order' }]),
      );
      const response = await placeOrder(body);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'reused for another order' }]);
    });

    it('answers 503 with Retry-After when the order service does not answer', async () => {
      const response = await placeOrder(body);
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('1');
      expect(response.body).toMatchObject({ status: 503, detail: 'the order service did not answer in time (shop.order.place)' });
    });
  });

  describe('GET /orders/:id', () => {
    it('answers the order', async () => {
      client.answer(Requests.getOrder.pattern, async () => okReply(order));
      await expect(http('GET', `/orders/${orderId}`)).resolves.toMatchObject({ status: 200, body: order });
    });

    it('answers 404 for an unknown order and 400 for a malformed id, sending nothing then', async () => {
      client.answer(Requests.getOrder.pattern, async () => errorReply('NOT_FOUND', `no order ${orderId}`));
      await expect(http('GET', `/orders/${orderId}`)).resolves.toMatchObject({ status: 404, body: { detail: `no order ${orderId}` } });
      client.calls.length = 0;
      const malformed = await http('GET', '/orders/42');
      expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'id', message: expect.any(String) }] } });
      expect(client.calls).toEqual([]);
    });

    it('answers 502 when the order service fails', async () => {
      client.answer(Requests.getOrder.pattern, async () => errorReply('INTERNAL', 'shop.order.get failed'));
      await expect(http('GET', `/orders/${orderId}`)).resolves.toMatchObject({ status: 502, body: { type: '/problems/bad-gateway' } });
    });
  });

  describe('POST /orders/:id/cancel', () => {
    beforeEach(() => client.answer(Requests.getOrder.pattern, async () => okReply(order)));

    it('forwards the reason (or a default one) and answers 202', async () => {
      client.answer(Requests.cancelOrder.pattern, async () => okReply({ orderId, status: 'CANCELLED' }));
      const response = await http('POST', `/orders/${orderId}/cancel`, { body: { reason: 'changed my mind' } });
      expect(response).toMatchObject({ status: 202, body: { orderId, status: 'CANCELLED', traceId: expect.any(String) } });
      await http('POST', `/orders/${orderId}/cancel`);
      expect(client.calls.filter((call) => call.pattern === Requests.cancelOrder.pattern).map((call) => call.request)).toEqual([
        { orderId, reason: 'changed my mind' },
        { orderId, reason: 'cancelled by the customer' },
      ]);
    });

    it('answers 409 when the order can no longer be cancelled, 404 when unknown, 400 for an empty reason', async () => {
      client.answer(Requests.cancelOrder.pattern, async () => errorReply('CONFLICT', 'order is SHIPPED'));
      await expect(http('POST', `/orders/${orderId}/cancel`, { body: {} })).resolves.toMatchObject({ status: 409, body: { type: '/problems/conflict' } });
      client.answer(Requests.getOrder.pattern, async () => errorReply('NOT_FOUND', 'no order'));
      await expect(http('POST', `/orders/${orderId}/cancel`, { body: {} })).resolves.toMatchObject({ status: 404 });
      await expect(http('POST', `/orders/${orderId}/cancel`, { body: { reason: '' } })).resolves.toMatchObject({
        status: 400,
        body: { errors: [{ field: 'reason' }] },
      });
    });
  });

  describe('reads', () => {
    it('answers a customer’s orders, an order’s timeline and the products from their services', async () => {
      const orders = { customerId: 'cust-1', orders: [] };
      const timeline = { orderId, entries: [] };
      const products = { products: [{ sku: 'MUG-01', name: 'Mug', priceCents: 1250, currency: 'EUR', stock: 3 }] };
      client.answer(Requests.getCustomerOrders.pattern, async () => okReply(orders));
      client.answer(Requests.getOrderTimeline.pattern, async () => okReply(timeline));
      client.answer(Requests.listProducts.pattern, async () => okReply(products));
      client.answer(Requests.getOrder.pattern, async () => okReply(order));
      await expect(http('GET', '/customers/cust-1/orders')).resolves.toMatchObject({ status: 200, body: orders });
      await expect(http('GET', `/orders/${orderId}/timeline`)).resolves.toMatchObject({ status: 200, body: timeline });
      await expect(http('GET', '/products')).resolves.toMatchObject({ status: 200, body: products });
    });

    it('answers 503 for a read whose service does not answer', async () => {
      await expect(http('GET', '/products')).resolves.toMatchObject({
        status: 503,
        body: { detail: 'the inventory service did not answer in time (shop.inventory.list-products)' },
      });
    });
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await http('GET', '/nope');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ type: 'about:blank', title: 'Not Found', status: 404 });
  });
});

/** The spans ended so far that match, once there are any (the SERVER span ends when the response closes). */
async function waitForSpans(tracing: InMemoryTracing, match: (span: Awaited<ReturnType<InMemoryTracing['spans']>>[number]) => boolean) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const spans = (await tracing.spans()).filter(match);
    if (spans.length > 0) return spans;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no matching span ended within 1 s');
}
