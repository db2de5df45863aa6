import type { INestApplication } from '@nestjs/common';
import { errorReply, okReply, Requests } from '@shop/event-contracts';
import { SignJWT } from 'jose';
import { ApiModule } from '../api.module.js';
import { gatewayConfig } from '../config/gateway-config.js';
import { type HttpMethod, openApiDocument, type Operation } from '../openapi/openapi-document.js';
import { controllersOf, routeHandlersOf } from '../openapi/routes.js';
import { gatewayRequests } from '../requests/gateway-requests.js';
import { adasOrder } from '../testing/adas-order.js';
import { FakeRequestClient, fakeRequestClientModule } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';
import { type Access, ACCESS_METADATA } from './access.js';
import { DEMO_OPERATOR_KEY, DEMO_SIGNING_SECRET } from './demo-credentials.js';

const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
const order = adasOrder(orderId);

/** Every operation of the document that needs credentials, with its path's parameters filled in. */
function guardedOperations(): { method: string; path: string; operation: Operation }[] {
  const document = openApiDocument('0');
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations as Record<HttpMethod, Operation>)
      .filter(([, operation]) => (operation.security ?? document.security).length > 0)
      .map(([method, operation]) => ({ method: method.toUpperCase(), path: path.replace('{id}', path.startsWith('/customers') ? 'ada' : orderId), operation })),
  );
}

describe('who may call what', () => {
  const client = new FakeRequestClient();
  let app: INestApplication;
  let url: string;

  const http = async (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) => {
    const response = await fetch(url + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  const signIn = async (customerId: string) => (await http('POST', '/auth/token', {}, { customerId })).body.access_token as string;
  const as = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => ({ app, url } = await startTestApi(client)));
  afterAll(() => app.close());
  beforeEach(() => client.reset());

  it('the document and the routes agree on who may call each one', () => {
    const document = openApiDocument('0');
    const settings = gatewayConfig.load({});
    const module = ApiModule.register({ requests: gatewayRequests(''), client: fakeRequestClientModule(client), settings });
    for (const controller of controllersOf(module)) {
      for (const { route, handler } of routeHandlersOf(controller)) {
        const access: Access = Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, controller) ?? 'customer';
        const [method, path] = route.split(' ') as [string, string];
        const security = document.paths[path]?.[method.toLowerCase() as HttpMethod]?.security ?? document.security;
        const documented: Access = security.length === 0 ? 'public' : security.length > 1 ? 'signed-in' : security[0]!.operatorKey ? 'operator' : 'customer';
        expect({ route, access: documented }).toEqual({ route, access });
      }
    }
  });

  it('answers 401 with a Bearer challenge on every route for customers, and sends nothing', async () => {
    const operations = guardedOperations();
    expect(operations.length).toBeGreaterThanOrEqual(6);
    for (const { method, path } of operations) {
      const response = await http(method, path, { 'Idempotency-Key': 'k' }, method === 'POST' ? {} : undefined);
      expect({ route: `${method} ${path}`, status: response.status }).toEqual({ route: `${method} ${path}`, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^(Bearer|ApiKey) realm="event-shop"/);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
      expect(response.body).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
    }
    expect(client.calls).toEqual([]);
  });

  it('refuses a token that is not the gateway’s, has expired, or is for another issuer or audience', async () => {
    const key = new TextEncoder().encode(DEMO_SIGNING_SECRET);
    const token = (change: (jwt: SignJWT) => SignJWT, secret = key) =>
      change(new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('ada').setIssuer('event-shop').setAudience('event-shop-gateway').setExpirationTime('1h')).sign(secret);
    const refused = {
      garbage: 'not-a-jwt',
      'another key': await token((jwt) => jwt, new TextEncoder().encode('x'.repeat(40))),
      expired: await token((jwt) => jwt.setExpirationTime(Math.floor(Date.now() / 1000) - 60)),
      'another issuer': await token((jwt) => jwt.setIssuer('someone-else')),
      'another audience': await token((jwt) => jwt.setAudience('another-api')),
      'no algorithm': `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"ada"}').toString('base64url')}.`,
    };
    for (const [why, bad] of Object.entries(refused)) {
      const response = await http('GET', `/orders/${orderId}`, as(bad));
      expect({ why, status: response.status }).toEqual({ why, status: 401 });
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="event-shop", error="invalid_token"/);
      expect(JSON.stringify(response.body)).not.toContain(bad);
    }
    expect((await http('GET', `/orders/${orderId}`, { authorization: 'Basic YWRhOg==' })).status).toBe(401);
    expect(client.calls).toEqual([]);
  });

  it('shows and cancels a customer’s own orders only: another’s answer 404, as an unknown one', async () => {
    client.answer(Requests.getOrder.pattern, async () => okReply(order));
    client.answer(Requests.getOrderTimeline.pattern, async () => okReply({ orderId, entries: [] }));
    client.answer(Requests.getCustomerOrders.pattern, async () => okReply({ customerId: 'ada', orders: [] }));
    const [ada, grace] = [as(await signIn('ada')), as(await signIn('grace'))];

    expect((await http('GET', `/orders/${orderId}`, ada)).status).toBe(200);
    expect((await http('GET', `/orders/${orderId}/timeline`, ada)).status).toBe(200);
    expect((await http('GET', '/customers/ada/orders', ada)).status).toBe(200);

    client.answer(Requests.cancelOrder.pattern, async () => okReply({ orderId, status: 'CANCELLED' }));
    const unknown = await http('GET', `/orders/${orderId}`, grace);
    expect(unknown).toMatchObject({ status: 404, body: { detail: `no order ${orderId}` } });
    client.answer(Requests.getOrder.pattern, async () => errorReply('NOT_FOUND', `no order ${orderId}`));
    expect((await http('GET', `/orders/${orderId}`, grace)).body.detail).toBe(unknown.body.detail);
    client.answer(Requests.getOrder.pattern, async () => okReply(order));
    expect((await http('GET', `/orders/${orderId}/timeline`, grace)).status).toBe(404);
    expect((await http('POST', `/orders/${orderId}/cancel`, grace, {})).status).toBe(404);
    expect((await http('GET', '/customers/ada/orders', grace)).status).toBe(404);
    const patterns = client.calls.map((call) => call.pattern);
    expect(patterns).not.toContain(Requests.cancelOrder.pattern);
    expect(patterns.filter((pattern) => pattern === Requests.getCustomerOrders.pattern)).toHaveLength(1);
  });

  it('does not take an operator’s key for a customer’s token', async () => {
    expect((await http('GET', `/orders/${orderId}`, { 'X-Api-Key': DEMO_OPERATOR_KEY })).status).toBe(401);
  });
});

describe('rate limits', () => {
  const client = new FakeRequestClient();
  let app: INestApplication;
  let url: string;
  const get = (path: string, headers: Record<string, string> = {}) => fetch(url + path, { headers });

  beforeAll(async () => {
    ({ app, url } = await startTestApi(client, { env: { RATE_LIMIT_READS: '3', RATE_LIMIT_WRITES: '2', RATE_LIMIT_WINDOW_S: '2' } }));
    client.answer(Requests.listProducts.pattern, async () => okReply({ products: [] }));
  });
  afterAll(() => app.close());

  const signIn = async (customerId: string) => {
    const response = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ customerId }) });
    return { status: response.status, token: ((await response.json()) as { access_token?: string }).access_token };
  };

  it('counts per caller, reads and writes apart, says what is left, and answers 429 with Retry-After beyond it', async () => {
    const { token } = await signIn('ada');
    const ada = { authorization: `Bearer ${token}` };
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await get('/products', ada);
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-limit')).toBe('3');
      remaining.push(response.headers.get('ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const refused = await get('/products', ada);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-limit')).toBe('3');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });

    // Another customer has a budget of their own.
    const grace = await signIn('grace');
    expect((await get('/products', { authorization: `Bearer ${grace.token}` })).status).toBe(200);
    // Probes and documents are not counted.
    for (let i = 0; i < 5; i++) expect((await get('/openapi.json', ada)).status).toBe(200);

    // After Retry-After, ada reads again.
    const deadline = Date.now() + 10_000;
    let status = 429;
    while (status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await get('/products', ada)).status;
    }
    expect(status).toBe(200);
  });

  it('counts writes apart from reads, and not the demo sign-in', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(`c${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const { token } = await signIn('writer');
    const cancel = () => fetch(`${url}/orders/42/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect([(await cancel()).status, (await cancel()).status, (await cancel()).status]).toEqual([400, 400, 429]);
    expect((await get('/products', { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});

describe('credentials by environment', () => {
  it('refuses the demo key and operator key outside development, naming both', () => {
    expect(() => gatewayConfig.load({ DEPLOYMENT_ENVIRONMENT: 'production' })).toThrow(/AUTH_JWT_SECRET: the demo key is refused.*\n.*AUTH_OPERATOR_KEY_SHA256: the demo operator key/s);
  });

  it('starts in production with keys of its own, and has no demo sign-in there', async () => {
    const client = new FakeRequestClient();
    const { app, url } = await startTestApi(client, {
      env: { DEPLOYMENT_ENVIRONMENT: 'production', AUTH_JWT_SECRET: 'a-production-secret-of-at-least-32-chars', AUTH_OPERATOR_KEY_SHA256: 'a'.repeat(64) },
    });
    try {
      const response = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customerId":"ada"}' });
      expect(response.status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
