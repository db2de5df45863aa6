import type { INestApplication } from '@nestjs/common';
import { Validator } from '@seriousme/openapi-schema-validator';
import { asyncApiDocument, errorReply, okReply, type OrderView, Requests } from '@shop/event-contracts';
import { ServiceUnavailableError } from '@shop/runtime';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { FakeDeadLetterOperations } from '../testing/fake-dead-letter-operations.js';
import { DEMO_OPERATOR_KEY } from '../auth/demo-credentials.js';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';
import { ASYNCAPI_PATH, DOCS_PATH, DOCS_REFERENCE_PATH, type HttpMethod, OPENAPI_PATH, type OpenApiDocument, openApiDocument, type Response } from './openapi-document.js';
import { documentedRoutes, routesOfModule } from './routes.js';

const document = openApiDocument('0.0.0-test');

/** The settings gateway.module.ts reads when it is loaded; nothing connects, the module is only read. */
const gatewayEnv = {
  SERVICE_NAME: 'gateway-openapi-test',
  PORT: '3000',
  DATABASE_URL: 'postgresql://shop_gateway:pw@127.0.0.1:1/shop_gateway',
  KAFKA_BROKERS: '127.0.0.1:1',
};

/** A validator of the document's schemas: Ajv with JSON Schema 2020-12 (OpenAPI 3.1's dialect), strict, with formats. */
function schemaValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  (addFormats as unknown as (ajv: Ajv2020) => void)(ajv);
  // The OpenAPI keywords around the schemas are annotations to Ajv; $refs point into components.schemas.
  for (const keyword of ['openapi', 'info', 'jsonSchemaDialect', 'tags', 'security', 'paths', 'components', 'example']) ajv.addKeyword(keyword);
  ajv.addSchema({ ...document, $id: 'https://gateway.test/openapi.json' });
  return (schema: object, data: unknown) => {
    const validate = ajv.compile({ $id: `https://gateway.test/check-${Math.random()}`, ...rebase(schema) });
    return validate(data) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
  };
}

/** A schema whose local $refs point into the document added above. */
function rebase(schema: object): object {
  return JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"https://gateway.test/openapi.json#/'));
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator({ strict: false }).validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
  });

  it('documents exactly the routes the gateway app registers (every controller of every module it imports)', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, gatewayEnv);
    try {
      const { GatewayModule } = await import('../gateway.module.js');
      const registered = routesOfModule(GatewayModule);
      expect(registered).toEqual(expect.arrayContaining(['POST /orders', 'GET /health', 'GET /', `GET ${ASYNCAPI_PATH}`]));
      expect(documentedRoutes(document)).toEqual(registered);
    } finally {
      process.env = saved;
    }
  });

  it('has only schemas that compile as strict JSON Schema 2020-12, every $ref resolving', () => {
    const check = schemaValidator();
    for (const name of Object.keys(document.components.schemas)) {
      expect(() => check({ $ref: `#/components/schemas/${name}` }, null)).not.toThrow();
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    for (const [, kind, name] of refs) expect(document.components[kind as keyof OpenApiDocument['components']]).toHaveProperty(name!);
  });

  it('takes its schemas from the contracts: what validation refuses, the document refuses', () => {
    const check = schemaValidator();
    const body = document.paths['/orders']!.post!.requestBody!.content['application/json']!;
    expect(check(body.schema, body.example)).toEqual([]);
    const { example } = body as { example: Record<string, unknown> };
    expect(check(body.schema, { ...example, items: [{ sku: 'MUG', quantity: 0 }] })).not.toEqual([]);
    expect(check(body.schema, { ...example, shippingAddress: { ...(example.shippingAddress as object), country: 'Germany' } })).not.toEqual([]);
    expect(check(body.schema, { ...example, shippingAddress: { ...(example.shippingAddress as object), name: 'Ada\u0000' } })).not.toEqual([]);
    // The same sku twice is allowed, and merged (place-order.input.spec.ts).
    expect(check(body.schema, { ...example, items: [{ sku: 'MUG', quantity: 1 }, { sku: 'MUG', quantity: 2 }] })).toEqual([]);
    expect(document.components.schemas.PlaceOrderBody).not.toHaveProperty('properties.idempotencyKey');
    expect(document.components.parameters.IdempotencyKey.schema).toMatchObject({ type: 'string', minLength: 1, maxLength: 255 });
    expect(document.components.parameters.OrderId.schema).toMatchObject({ type: 'string', format: 'uuid' });
  });

  it('has examples that are valid requests, so that Try it out on /docs executes each operation as it is', () => {
    const check = schemaValidator();
    const examples = Object.values(document.paths).flatMap((operations) =>
      Object.values(operations).flatMap((operation) => {
        const parameters = (operation!.parameters ?? []).map((raw) => ('$ref' in raw ? document.components.parameters[raw.$ref.split('/').at(-1)!]! : raw));
        const bodies = Object.values(operation!.requestBody?.content ?? {});
        return [
          ...parameters.filter((parameter) => parameter.example !== undefined).map((parameter) => ({ at: `${operation!.operationId} ${parameter.name}`, ...parameter })),
          ...bodies.map((body) => ({ at: `${operation!.operationId} body`, ...body })),
        ];
      }),
    );
    expect(examples.length).toBeGreaterThan(10);
    for (const { at, schema, example } of examples) expect([at, example === undefined ? ['no example'] : check(schema, example)]).toEqual([at, []]);
  });

  it('answers 503s with Retry-After, every error as problem+json, and 202s with Location and X-Trace-Id', () => {
    const placed = document.paths['/orders']!.post!.responses['202'] as Response;
    expect(Object.keys(placed.headers ?? {})).toEqual(['Location', 'X-Trace-Id']);
    const { ServiceUnavailable, BadRequest, NotFound, Conflict, Unauthenticated, Forbidden, TooManyRequests } = document.components.responses;
    expect(Object.keys(ServiceUnavailable!.headers ?? {})).toContain('Retry-After');
    expect(Object.keys(Unauthenticated!.headers ?? {})).toContain('WWW-Authenticate');
    expect(Object.keys(TooManyRequests!.headers ?? {})).toEqual(['X-Trace-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset']);
    for (const response of [ServiceUnavailable, BadRequest, NotFound, Conflict, Unauthenticated, Forbidden, TooManyRequests]) {
      expect(Object.keys(response!.content ?? {})).toEqual(['application/problem+json']);
    }
  });
});

describe('the document against the gateway’s answers (services faked)', () => {
  const client = new FakeRequestClient();
  const deadLetters = new FakeDeadLetterOperations();
  let app: INestApplication;
  let url: string;
  let signedIn: Record<string, string>;
  const check = schemaValidator();
  const orderId = '0b7e7f4c-3c1a-4c52-9a55-5f0d3c2b1a10';
  const body = document.paths['/orders']!.post!.requestBody!.content['application/json']!.example as Record<string, unknown>;
  const order: OrderView = {
    ...(body as Omit<OrderView, 'orderId' | 'customerId' | 'status' | 'placedAt' | 'updatedAt'>),
    orderId,
    customerId: 'ada',
    status: 'SHIPPED',
    pricing: { lines: [{ sku: 'MUG-CERAMIC-350', name: 'Mug', quantity: 2, unitPriceCents: 1250 }], currency: 'EUR', totalCents: 2500 },
    shipment: { shipmentId: '5f0d3c2b-1a10-4c52-9a55-0b7e7f4c3c1a', carrier: 'DHL', trackingNumber: 'JD0001' },
    placedAt: '2026-11-23T17:00:00.000Z',
    updatedAt: '2026-11-23T17:00:05.000Z',
  };

  beforeAll(async () => {
    ({ app, url } = await startTestApi(client, { deadLetters }));
    const signIn = await fetch(`${url}/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customerId":"ada"}' });
    signedIn = { authorization: `Bearer ${((await signIn.json()) as { access_token: string }).access_token}` };
    client.answer(Requests.placeOrder.pattern, async () => okReply({ orderId, status: 'PENDING' }));
    client.answer(Requests.getOrder.pattern, async () => okReply(order));
    client.answer(Requests.cancelOrder.pattern, async () => errorReply('CONFLICT', 'order is SHIPPED'));
    client.answer(Requests.getOrderTimeline.pattern, async () =>
      okReply({
        orderId,
        entries: [{ eventId: orderId, type: 'shop.order.placed.v1', source: '/shop/order', time: order.placedAt, data: { orderId } }],
      }),
    );
    client.answer(Requests.getCustomerOrders.pattern, async () => okReply({ customerId: 'ada', orders: [] }));
    client.answer(Requests.restock.pattern, async () => okReply({ sku: 'MUG-01', quantity: 5, stock: 7 }));
    client.answer(Requests.getProductTimeline.pattern, async () =>
      okReply({
        sku: 'MUG-01',
        entries: [{ eventId: orderId, type: 'shop.inventory.stock-replenished.v1', source: '/shop/inventory', time: order.placedAt, data: { sku: 'MUG-01', quantity: 5, stock: 7 } }],
      }),
    );
    deadLetters.listed = async (topic, groupId) => ({
      topic,
      groupId,
      deadLetterTopic: `${topic}.dlq.${groupId}`,
      total: 1,
      pending: 1,
      deadLetters: [{ partition: 0, offset: '0', eventId: orderId, type: 'shop.order.placed.v1', key: orderId, reason: 'handler-failed', attempts: 5, replayed: false }],
    });
    // listProducts unanswered: a 503; dead-letter replays unanswered: Kafka down, a 503.
  });
  afterAll(() => app.close());

  /**
   * Calls a route (as customer ada, unless `init` has headers of its own) and
   * checks the answer against what the document says of that status: headers,
   * media type, schema.
   */
  async function expectDocumentedAnswer(method: HttpMethod, template: string, path: string, init: RequestInit = {}) {
    const response = await fetch(url + path, { method: method.toUpperCase(), ...init, headers: { ...signedIn, ...(init.headers as Record<string, string>) } });
    const operation = document.paths[template]![method]!;
    const raw = operation.responses[String(response.status)] ?? operation.responses.default;
    expect(raw).toBeDefined();
    const documented = ('$ref' in raw! ? document.components.responses[raw.$ref.split('/').at(-1)!] : raw) as Response;
    for (const header of Object.keys(documented.headers ?? {})) expect([path, header, response.headers.get(header)]).toEqual([path, header, expect.any(String)]);
    if (response.status === 304) {
      expect([path, documented.content, await response.text()]).toEqual([path, undefined, '']);
      return response.status;
    }
    const mediaType = (response.headers.get('content-type') ?? '').split(';')[0]!;
    expect(Object.keys(documented.content ?? {})).toContain(mediaType);
    const text = await response.text();
    if (mediaType.endsWith('json')) expect(check(documented.content![mediaType]!.schema, JSON.parse(text))).toEqual([]);
    return response.status;
  }

  const json = (value: unknown, headers: Record<string, string> = {}): RequestInit => ({
    body: JSON.stringify(value),
    headers: { 'content-type': 'application/json', ...headers },
  });

  const operator = { 'X-Api-Key': DEMO_OPERATOR_KEY };

  it('answers each route as documented', async () => {
    const statuses = [
      await expectDocumentedAnswer('post', '/orders', '/orders', json(body, { 'Idempotency-Key': 'k-1' })),
      await expectDocumentedAnswer('post', '/orders', '/orders', json({ ...body, email: 'nope' })),
      await expectDocumentedAnswer('get', '/orders/{id}', `/orders/${orderId}`),
      await expectDocumentedAnswer('get', '/orders/{id}', '/orders/42'),
      await expectDocumentedAnswer('get', '/orders/{id}', `/orders/${orderId}`, { headers: { authorization: '' } }),
      await expectDocumentedAnswer('post', '/orders/{id}/cancel', `/orders/${orderId}/cancel`, json({ reason: 'changed my mind' })),
      await expectDocumentedAnswer('get', '/orders/{id}/timeline', `/orders/${orderId}/timeline`),
      await expectDocumentedAnswer('get', '/customers/{id}/orders', '/customers/ada/orders'),
      await expectDocumentedAnswer('get', '/products', '/products'),
      await expectDocumentedAnswer('post', '/products/{sku}/restock', '/products/MUG-01/restock', json({ quantity: 5 }, operator)),
      await expectDocumentedAnswer('post', '/products/{sku}/restock', '/products/MUG-01/restock', json({ quantity: 5 })),
      await expectDocumentedAnswer('post', '/products/{sku}/restock', '/products/MUG-01/restock', json({ quantity: 0 }, operator)),
      await expectDocumentedAnswer('get', '/products/{sku}/timeline', '/products/MUG-01/timeline', { headers: operator }),
      await expectDocumentedAnswer('get', '/operations/dead-letters/{topic}/{group}', '/operations/dead-letters/shop.order.events/inventory?limit=5', { headers: operator }),
      await expectDocumentedAnswer('get', '/operations/dead-letters/{topic}/{group}', '/operations/dead-letters/shop.order.place/inventory', { headers: operator }),
      await expectDocumentedAnswer('post', '/operations/dead-letters/{topic}/{group}/replay', '/operations/dead-letters/shop.order.events/inventory/replay', json({ dryRun: true }, operator)),
      await expectDocumentedAnswer('get', OPENAPI_PATH, OPENAPI_PATH),
      await expectDocumentedAnswer('get', ASYNCAPI_PATH, ASYNCAPI_PATH),
      await expectDocumentedAnswer('get', DOCS_PATH, DOCS_PATH),
      await expectDocumentedAnswer('get', DOCS_REFERENCE_PATH, DOCS_REFERENCE_PATH),
      await expectDocumentedAnswer('get', '/', '/'),
      await expectDocumentedAnswer('post', '/auth/token', '/auth/token', json({ customerId: 'grace' })),
      await expectDocumentedAnswer('post', '/auth/token', '/auth/token', json({ customerId: '' })),
    ];
    expect(statuses).toEqual([202, 400, 200, 400, 401, 409, 200, 200, 503, 200, 403, 400, 200, 200, 400, 503, 200, 200, 200, 200, 200, 200, 400]);
  });

  it('answers the catalog routes as documented: 200 and 304 with their caching headers, 400, 404', async () => {
    client.answer(Requests.listProducts.pattern, async () =>
      okReply({ products: [{ sku: 'MUG-CERAMIC-350', name: 'Mug', priceCents: 1250, currency: 'EUR', stock: 3 }] }),
    );
    try {
      const list = await fetch(`${url}/products`, { headers: signedIn });
      const one = await fetch(`${url}/products/MUG-CERAMIC-350`, { headers: signedIn });
      const statuses = [
        await expectDocumentedAnswer('get', '/products', '/products'),
        await expectDocumentedAnswer('get', '/products', '/products', { headers: { 'If-None-Match': list.headers.get('etag')! } }),
        await expectDocumentedAnswer('get', '/products/{sku}', '/products/MUG-CERAMIC-350'),
        await expectDocumentedAnswer('get', '/products/{sku}', '/products/MUG-CERAMIC-350', { headers: { 'If-None-Match': one.headers.get('etag')! } }),
        await expectDocumentedAnswer('get', '/products/{sku}', `/products/${'X'.repeat(65)}`),
        await expectDocumentedAnswer('get', '/products/{sku}', '/products/NOPE'),
      ];
      expect(statuses).toEqual([200, 304, 200, 304, 400, 404]);
      const etag = document.components.headers.ETag!.schema as { pattern: string };
      expect(list.headers.get('etag')).toMatch(new RegExp(etag.pattern));
      expect(list.headers.get('cache-control')).toBe((document.components.headers.CacheControl!.schema as { const: string }).const);
    } finally {
      // Unanswered again, as the fake leaves a call it has no answer for.
      client.answer(Requests.listProducts.pattern, async () => {
        throw new ServiceUnavailableError(`${Requests.listProducts.pattern} unavailable: Timeout has occurred`);
      });
    }
  });

  it('serves the document it builds', async () => {
    const response = await fetch(url + OPENAPI_PATH);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await response.json()) as OpenApiDocument;
    expect({ ...served, info: { ...served.info, version: 'any' } }).toEqual({ ...document, info: { ...document.info, version: 'any' } });
    expect(served.info.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('serves the AsyncAPI document of the contracts library, and the docs pages with their CSPs', async () => {
    const response = await fetch(url + ASYNCAPI_PATH);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
    const reference = await fetch(url + DOCS_REFERENCE_PATH);
    expect(reference.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; script-src 'none'/);
    expect(reference.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await reference.text()).toContain(`<a href="${ASYNCAPI_PATH}">${ASYNCAPI_PATH}</a>`);
    // Swagger UI: its files and the initializer from /assets, nothing inline but the hashed style.
    const docs = await fetch(url + DOCS_PATH);
    expect(docs.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'self' 'sha256-[^']+'; script-src 'self'; connect-src 'self'/);
    expect(await docs.text()).toContain('<script src="/assets/swagger-ui-bundle.js" defer></script>\n<script src="/assets/docs.js" defer></script>');
  });
});
