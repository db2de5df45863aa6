import { createHash } from 'node:crypto';
import { ALL_EVENTS, asyncApiDocument } from '@shop/event-contracts';
import { testKafka } from '../support/kafka-test-topics.js';
import { startIsolatedGateway } from './isolated-gateway.js';

const kafka = testKafka('e2e-gateway-pages');
const JAEGER_UI_URL = 'http://jaeger.test:16686';

/** What a route answers with a request that is harmless: invalid where it would send something, so nothing is ever sent. */
const probes: Record<string, { path: string; init?: RequestInit }> = {
  'POST /orders': { path: '/orders', init: { body: '{}', headers: { 'content-type': 'application/json' } } },
  'GET /orders/{id}': { path: '/orders/42' },
  'POST /orders/{id}/cancel': { path: '/orders/42/cancel' },
  'GET /orders/{id}/timeline': { path: '/orders/42/timeline' },
  'GET /orders/{id}/events': { path: '/orders/42/events' },
  'GET /customers/{id}/orders': { path: `/customers/${'c'.repeat(129)}/orders` },
  'POST /products/{sku}/restock': { path: '/products/MUG/restock', init: { body: '{}', headers: { 'content-type': 'application/json' } } },
  'GET /products/{sku}/timeline': { path: `/products/${'s'.repeat(65)}/timeline` },
  'GET /operations/dead-letters/{topic}/{group}': { path: '/operations/dead-letters/nope/inventory' },
  'POST /operations/dead-letters/{topic}/{group}/replay': { path: '/operations/dead-letters/nope/inventory/replay' },
  'GET /products/{sku}': { path: `/products/${'X'.repeat(65)}` },
};

const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;

describe('gateway OpenAPI document, docs pages and storefront (the built gateway as a process)', () => {
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;
  const get = (path: string, init?: RequestInit) => fetch(`${isolated.gateway.url}${path}`, init);

  beforeAll(async () => {
    isolated = await startIsolatedGateway(kafka, 3183, { GATEWAY_REQUEST_TIMEOUT_MS: '1000', JAEGER_UI_URL });
  }, 60_000);
  afterAll(() => isolated?.stop());

  it('serves an OpenAPI 3.1 document of the routes, each of which the process does answer', async () => {
    const response = await get('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: object } };
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const routes = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual(
      [
        'POST /orders',
        'GET /orders/{id}',
        'POST /orders/{id}/cancel',
        'GET /orders/{id}/timeline',
        'GET /orders/{id}/events',
        'GET /customers/{id}/orders',
        'GET /products',
        'POST /auth/token',
        'POST /products/{sku}/restock',
        'GET /products/{sku}/timeline',
        'GET /operations/dead-letters/{topic}/{group}',
        'POST /operations/dead-letters/{topic}/{group}/replay',
        'GET /products/{sku}',
        'GET /health',
        'GET /health/live',
        'GET /openapi.json',
        'GET /asyncapi.json',
        'GET /docs',
        'GET /docs/reference',
        'GET /assets/{name}',
        'GET /',
        'GET /traces/{traceId}',
        'GET /traces/{traceId}/spans',
      ].sort(),
    );
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['PlaceOrderBody', 'Order', 'Problem']));
    // As documented: every response carries its trace id, /health's too (a trace never sampled, see trace.middleware.spec.ts).
    expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect((await get('/health')).headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect((await get('/health/live')).headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);

    // Nothing documented is a route the process lacks (an unknown route is a 404 about:blank problem).
    for (const route of routes) {
      const [method, template] = route.split(' ') as [string, string];
      const probe = probes[route] ?? { path: template };
      const answer = await get(probe.path, { method, ...probe.init });
      const body = (answer.headers.get('content-type') ?? '').includes('json') ? ((await answer.json()) as { type?: string }) : undefined;
      expect([route, answer.status === 404 && body?.type === 'about:blank']).toEqual([route, false]);
    }
  });

  it('serves the AsyncAPI 3.0 document of the events, the one the contracts library builds', async () => {
    const response = await get('/asyncapi.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(asyncApiDocument())));
  });

  it('serves the docs page: Swagger UI from /assets (no other origin, nothing inline but the hashed style), loading the OpenAPI document', async () => {
    const response = await get('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const csp = response.headers.get('content-security-policy') ?? '';
    const html = await response.text();
    expect(csp).toBe(
      `default-src 'none'; style-src 'self' '${sha256(/<style>([\s\S]*)<\/style>/.exec(html)![1]!)}'; script-src 'self'; ` +
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attributes: match[1], text: match[2] }));
    expect(scripts).toEqual([
      { attributes: ' src="/assets/swagger-ui-bundle.js" defer', text: '' },
      { attributes: ' src="/assets/docs.js" defer', text: '' },
    ]);
    expect(html).toContain('<link rel="stylesheet" href="/assets/swagger-ui.css">');
    expect(html).toContain('data-openapi-url="/openapi.json"');
    expect(html).toContain('<a href="/docs/reference#events">Events by topic</a>');
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);

    // Every file the page loads, with its web type (the bundle and its style sheet from swagger-ui-dist).
    for (const [name, type, marker] of [
      ['swagger-ui-bundle.js', 'text/javascript; charset=utf-8', 'SwaggerUIBundle'],
      ['swagger-ui.css', 'text/css; charset=utf-8', '.swagger-ui'],
      ['docs.js', 'text/javascript; charset=utf-8', 'persistAuthorization'],
    ]) {
      const asset = await get(`/assets/${name}`);
      expect([name, asset.status, asset.headers.get('content-type')]).toEqual([name, 200, type]);
      expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await asset.text()).toContain(marker);
    }
    expect((await get('/assets/index.html')).status).toBe(404);
  });

  it('serves the reference page: HTML, no script allowed, naming every operation and the events by topic', async () => {
    const response = await get('/docs/reference');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain("script-src 'none'");
    expect(response.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>/);
    expect(csp).toContain(`style-src '${sha256(/<style>([\s\S]*)<\/style>/.exec(html)![1]!)}'`);
    for (const path of ['/orders', '/orders/{id}/cancel', '/customers/{id}/orders', '/products']) expect(html).toContain(`<code>${path}</code>`);
    // The events, by topic, and the link to their AsyncAPI document.
    expect(html).toContain('<a href="/asyncapi.json">/asyncapi.json</a>');
    for (const contract of ALL_EVENTS) expect(html).toContain(`<td><code>${contract.type}</code></td>`);
    expect(html).toContain('<a href="/docs">try the API</a>');
    expect(html).not.toContain('<script');
  });

  it('serves the storefront: HTML loading its script from /assets, which the CSP allows as its own origin only', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy') ?? '';
    const html = await response.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attributes: match[1], text: match[2] }));
    expect(scripts).toEqual([
      { attributes: ' src="/assets/event-stream.js" defer', text: '' },
      { attributes: ' src="/assets/storefront.js" defer', text: '' },
    ]);
    expect(csp).toBe(
      `default-src 'none'; style-src '${sha256(/<style>([\s\S]*)<\/style>/.exec(html)![1]!)}'; script-src 'self'; ` +
        "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(html).toContain(`<meta name="jaeger-ui-url" content="${JAEGER_UI_URL}">`);
    // Offline: nothing is loaded from another origin.
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);

    const script = await get('/assets/storefront.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('no-cache');
    expect(await script.text()).toContain('const Storefront = ');
    const revalidated = await get('/assets/storefront.js', { headers: { 'If-None-Match': script.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
    expect((await get('/assets/..%2Fpackage.json')).status).toBe(404);
  });
});
