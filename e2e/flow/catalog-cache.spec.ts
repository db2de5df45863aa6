import { randomUUID } from 'node:crypto';
import { signedIn } from '../support/demo-sign-in.js';
import { uniqueSuffix } from '../support/environment.js';
import { deliverableAddress, GatewayClient } from '../support/gateway-client.js';
import { addProduct, stockOf } from '../support/inventory-fixtures.js';
import { ServiceProcess } from '../support/service-process.js';
import { waitFor } from '../support/wait-for.js';

// The gateway, order and inventory as real processes on their real databases, topics and
// consumer groups, on ports of their own; the rest of the saga is not needed to reserve stock.
// The catalog's max age is an hour: whatever fresh catalog the gateway answers came by an event.
const gatewayProcess = new ServiceProcess('gateway', 3550, { GATEWAY_REQUEST_TIMEOUT_MS: '10000', GATEWAY_CATALOG_CACHE_MAX_AGE_MS: '3600000' });
const apps = [new ServiceProcess('inventory', 3551), new ServiceProcess('order', 3552), gatewayProcess];

const run = uniqueSuffix();
const sku = `IT-${run}-CACHED`.toUpperCase();
let gateway: GatewayClient;
let auth: Record<string, string>;

const read = (path: string, headers: Record<string, string> = {}) => gateway.request('GET', path, undefined, { ...auth, ...headers });

beforeAll(async () => {
  // Before the gateway reads the catalog: a product added to the inventory's database publishes no event.
  await addProduct(sku, 5, 1_500);
  await Promise.all(apps.map((app) => app.start()));
  gateway = new GatewayClient(gatewayProcess.url);
  auth = await signedIn(gatewayProcess.url, 'e2e-customer');
}, 90_000);
afterAll(() => Promise.all(apps.map((app) => app.stop())));

describe('the catalog through the gateway, cached and invalidated by the inventory’s events', () => {
  it('answers 304 for an unchanged catalog, and after an order reserves stock a fresh one: new stock, new ETag', async () => {
    const product = await read(`/products/${sku}`);
    expect(product.status).toBe(200);
    expect(product.body).toEqual({ sku, name: `Test product ${sku}`, priceCents: 1_500, currency: 'EUR', stock: 5 });
    const productTag = product.headers.get('etag')!;
    const list = await read('/products');
    expect(list.body.products).toContainEqual(product.body);
    expect(list.headers.get('cache-control')).toBe('no-cache');

    // Unchanged: revalidation costs no body, and comes from the gateway's copy.
    const unchanged = await read(`/products/${sku}`, { 'If-None-Match': productTag });
    expect([unchanged.status, unchanged.body, unchanged.headers.get('x-cache')]).toEqual([304, undefined, 'hit']);

    const placed = await gateway.request(
      'POST',
      '/orders',
      { customerId: `cust-${run}`, email: `cust-${run}@example.com`, items: [{ sku, quantity: 2 }], shippingAddress: deliverableAddress },
      { ...auth, 'Idempotency-Key': randomUUID() },
    );
    expect(placed.status).toBe(202);

    // The reservation's event invalidates the cache: the same tag is no longer current.
    const fresh = await waitFor(
      'the gateway to answer the reserved stock',
      async () => {
        const answer = await read(`/products/${sku}`, { 'If-None-Match': productTag });
        return answer.status === 200 ? answer : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
    expect(fresh.body).toMatchObject({ sku, stock: 3 });
    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect(fresh.headers.get('etag')).not.toBe(productTag);
    expect(await stockOf(sku)).toBe(3);

    const freshList = await read('/products', { 'If-None-Match': list.headers.get('etag')! });
    expect(freshList.status).toBe(200);
    expect(freshList.body.products).toContainEqual(fresh.body);

    const health = await gateway.request('GET', '/health');
    const feedCheck = Object.entries(health.body.checks as Record<string, Record<string, any>>).find(([name]) => name.startsWith('event-feed:'))![1];
    expect(feedCheck).toMatchObject({ status: 'up', catalog: { serving: 'cache', invalidations: expect.any(Number) } });
    expect(feedCheck.catalog.invalidations).toBeGreaterThanOrEqual(1);
  });
});
