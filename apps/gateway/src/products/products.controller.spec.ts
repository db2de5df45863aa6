import type { INestApplication } from '@nestjs/common';
import { okReply, type Product, Requests } from '@shop/event-contracts';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';
import { CatalogCache } from './catalog-cache.js';

const mug = (stock: number): Product => ({ sku: 'MUG-01', name: 'Mug', priceCents: 1250, currency: 'EUR', stock });
const tee: Product = { sku: 'TEE-M', name: 'T-shirt', priceCents: 2000, currency: 'EUR', stock: 9 };
const STRONG_ETAG = /^"[A-Za-z0-9_-]{43}"$/;

describe('GET /products and /products/:sku (services faked)', () => {
  const client = new FakeRequestClient();
  const listCalls = () => client.calls.filter((call) => call.pattern === Requests.listProducts.pattern).length;
  let stock = 5;

  let customer: Record<string, string> = {};
  async function get(url: string, headers: Record<string, string> = {}) {
    const response = await fetch(url, { headers: { ...customer, ...headers } });
    const text = await response.text();
    return {
      status: response.status,
      etag: response.headers.get('etag'),
      cacheControl: response.headers.get('cache-control'),
      cache: response.headers.get('x-cache'),
      contentType: response.headers.get('content-type'),
      traceId: response.headers.get('x-trace-id'),
      text,
      body: text ? JSON.parse(text) : undefined,
    };
  }

  describe('with the cache serving', () => {
    const catalog = new CatalogCache({ enabled: true, maxAgeMs: 60_000 });
    let app: INestApplication;
    let url: string;

    beforeAll(async () => {
      ({ app, url, customer } = await startTestApi(client, { catalog }));
    });
    afterAll(() => app.close());
    beforeEach(() => {
      client.reset();
      stock = 5;
      client.answer(Requests.listProducts.pattern, async () => okReply({ products: [mug(stock), tee] }));
      catalog.stopServing();
      catalog.serveFor(3_600_000); // from nothing, as after its consumer joined
    });

    it('answers the catalog with a strong ETag, no-cache and X-Cache: miss, then hit without asking again', async () => {
      const first = await get(`${url}/products`);
      expect(first).toMatchObject({ status: 200, cacheControl: 'no-cache', cache: 'miss', body: { products: [mug(5), tee] } });
      expect(first.etag).toMatch(STRONG_ETAG);
      expect(first.contentType).toMatch(/^application\/json/);
      expect(first.traceId).toMatch(/^[0-9a-f]{32}$/);
      const second = await get(`${url}/products`);
      expect(second).toMatchObject({ status: 200, cache: 'hit', etag: first.etag, text: first.text });
      expect(listCalls()).toBe(1);
    });

    it('answers 304 without a body to If-None-Match naming the current tag (weakly, in a list, or *), 200 otherwise', async () => {
      const { etag } = await get(`${url}/products`);
      for (const ifNoneMatch of [etag!, `W/${etag}`, `"other", ${etag}`, '*']) {
        const notModified = await get(`${url}/products`, { 'If-None-Match': ifNoneMatch });
        expect([ifNoneMatch, notModified]).toEqual([
          ifNoneMatch,
          expect.objectContaining({ status: 304, text: '', etag, cacheControl: 'no-cache', cache: 'hit' }),
        ]);
        expect(notModified.traceId).toMatch(/^[0-9a-f]{32}$/);
      }
      await expect(get(`${url}/products`, { 'If-None-Match': '"other"' })).resolves.toMatchObject({ status: 200, etag });
      expect(listCalls()).toBe(1);
    });

    it('answers a fresh catalog after an invalidation: asked again, a new ETag, the old one no longer 304', async () => {
      const before = await get(`${url}/products`);
      stock = 3;
      catalog.invalidate('shop.inventory.stock-reserved.v1');
      const after = await get(`${url}/products`, { 'If-None-Match': before.etag! });
      expect(after).toMatchObject({ status: 200, cache: 'miss', body: { products: [mug(3), tee] } });
      expect(after.etag).not.toBe(before.etag);
      expect(listCalls()).toBe(2);
    });

    it('answers one product from the same catalog, with its own ETag and 304', async () => {
      await get(`${url}/products`);
      const one = await get(`${url}/products/MUG-01`);
      expect(one).toMatchObject({ status: 200, cache: 'hit', cacheControl: 'no-cache', body: mug(5) });
      expect(one.etag).toMatch(STRONG_ETAG);
      expect(one.etag).not.toBe((await get(`${url}/products/TEE-M`)).etag);
      await expect(get(`${url}/products/MUG-01`, { 'If-None-Match': one.etag! })).resolves.toMatchObject({ status: 304, text: '' });
      expect(listCalls()).toBe(1);
    });

    it('answers 404 problem+json for a sku the catalog does not list, 400 naming sku for one that cannot be, asking nothing then', async () => {
      const unknown = await get(`${url}/products/NOPE-1`);
      expect(unknown).toMatchObject({ status: 404, body: { type: '/problems/not-found', status: 404, detail: 'no product NOPE-1', instance: '/products/NOPE-1' } });
      expect(unknown.contentType).toMatch(/^application\/problem\+json/);
      client.calls.length = 0;
      const malformed = await get(`${url}/products/${'X'.repeat(65)}`);
      expect(malformed).toMatchObject({ status: 400, body: { errors: [{ field: 'sku', message: expect.any(String) }] } });
      expect(listCalls()).toBe(0);
    });

    it('keeps no failure: a 503 while the inventory does not answer, the catalog once it does', async () => {
      client.reset();
      await expect(get(`${url}/products`)).resolves.toMatchObject({ status: 503, body: { status: 503 } });
      await expect(get(`${url}/products/MUG-01`)).resolves.toMatchObject({ status: 503 });
      client.answer(Requests.listProducts.pattern, async () => okReply({ products: [mug(stock)] }));
      await expect(get(`${url}/products`)).resolves.toMatchObject({ status: 200, cache: 'miss' });
    });

    it('makes one call to the inventory for concurrent misses', async () => {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => get(i % 2 ? `${url}/products` : `${url}/products/TEE-M`)));
      expect(answers.map((answer) => answer.status)).toEqual(Array(8).fill(200));
      expect(listCalls()).toBe(1);
    });
  });

  describe('with the cache off (its consumer not consuming, or GATEWAY_CATALOG_CACHE=off)', () => {
    let app: INestApplication;
    let url: string;

    beforeAll(async () => {
      ({ app, url, customer } = await startTestApi(client));
    });
    afterAll(() => app.close());
    beforeEach(() => {
      client.reset();
      client.answer(Requests.listProducts.pattern, async () => okReply({ products: [mug(5)] }));
    });

    it('asks the inventory every time, with the same ETags and 304s', async () => {
      const first = await get(`${url}/products`);
      expect(first).toMatchObject({ status: 200, cache: 'bypass', cacheControl: 'no-cache' });
      await expect(get(`${url}/products`, { 'If-None-Match': first.etag! })).resolves.toMatchObject({ status: 304, cache: 'bypass', etag: first.etag });
      await expect(get(`${url}/products/MUG-01`)).resolves.toMatchObject({ status: 200, cache: 'bypass', body: mug(5) });
      expect(listCalls()).toBe(3);
    });
  });
});
