import { randomUUID } from 'node:crypto';
import { CE_HEADERS, eventExample, Events, type Product } from '@shop/event-contracts';
import { namespacedEvent } from '@shop/runtime';
import { signedIn } from '../support/demo-sign-in.js';
import { infra, serviceDatabaseUrl, uniqueSuffix } from '../support/environment.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { EventProducer } from '../support/order-events.js';
import { waitFor } from '../support/wait-for.js';
import { http, startIsolatedGateway } from './isolated-gateway.js';
import { startStandInInventoryService } from './stand-in-inventory-service.js';

const kafka = testKafka('e2e-gateway-catalog-cache');
const mug = (stock: number): Product => ({ sku: 'MUG-01', name: 'Mug', priceCents: 1250, currency: 'EUR', stock });
const tee: Product = { sku: 'TEE-M', name: 'T-shirt', priceCents: 2000, currency: 'EUR', stock: 9 };

describe('the catalog cache of the built gateway, invalidated by events on its (namespaced) inventory topic', () => {
  const settings = {
    // Read by serveRequestsOverKafka: the stand-in's request consumer group is this run's alone.
    SERVICE_NAME: `it-inventory-stand-in-${uniqueSuffix()}`,
    PORT: '3541',
    DATABASE_URL: serviceDatabaseUrl('inventory'),
    KAFKA_BROKERS: infra.kafkaBrokers.join(','),
  };
  const saved = Object.fromEntries(Object.keys(settings).map((key) => [key, process.env[key]]));
  let isolated: Awaited<ReturnType<typeof startIsolatedGateway>>;
  let standIn: Awaited<ReturnType<typeof startStandInInventoryService>>;
  let producer: EventProducer;
  let auth: Record<string, string>;

  const get = (path: string, headers: Record<string, string> = {}) => http(`${isolated.gateway.url}${path}`, { headers: { ...auth, ...headers } });
  /** The event feed's check in /health, with its name, and the catalog cache's details in it. */
  const health = async (): Promise<Record<string, any>> => {
    const { body } = await http(`${isolated.gateway.url}/health`);
    const [name, check] = Object.entries(body.checks as Record<string, Record<string, any>>).find(([key]) => key.startsWith('event-feed:'))!;
    return { name, status: check.status, topics: check.topics, ...check.catalog };
  };
  /** Publishes one inventory event the way the inventory's relay does (key, CloudEvents headers, JSON data), on the gateway's namespaced topic. */
  const publishStockReserved = () => producer.send(namespacedEvent(Events.stockReservedV1, isolated.prefix), { ...eventExample('shop.inventory.stock-reserved.v1'), orderId: randomUUID() });

  beforeAll(async () => {
    Object.assign(process.env, settings);
    // The max age is far away: anything fresh here came by an event.
    isolated = await startIsolatedGateway(kafka, 3540, { GATEWAY_REQUEST_TIMEOUT_MS: '5000', GATEWAY_CATALOG_CACHE_MAX_AGE_MS: '3600000' });
    standIn = await startStandInInventoryService(isolated.requests.listProducts, [mug(5), tee]);
    producer = new EventProducer(kafka);
    await producer.connect();
    auth = await signedIn(isolated.gateway.url, 'e2e-customer');
  }, 60_000);
  afterAll(async () => {
    await producer?.disconnect();
    await standIn?.app.close();
    await isolated?.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it('is on once the gateway is ready: /health lists its consumer up, serving from the cache', async () => {
    await expect(health()).resolves.toMatchObject({
      name: expect.stringMatching(/^event-feed:gateway-it-.+-events-/),
      status: 'up',
      topics: expect.arrayContaining([isolated.inventoryEvents]),
      serving: 'cache',
    });
  });

  it('answers the catalog once from the inventory, then from the cache: ETag, no-cache, 304 for an unchanged catalog', async () => {
    const callsBefore = standIn.state.calls;
    const first = await get('/products');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ products: [mug(5), tee] });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');

    const again = await get('/products');
    expect([again.status, again.headers.get('x-cache'), again.headers.get('etag')]).toEqual([200, 'hit', etag]);
    const unchanged = await get('/products', { 'If-None-Match': etag });
    expect([unchanged.status, unchanged.body, unchanged.headers.get('etag'), unchanged.headers.get('x-cache')]).toEqual([304, undefined, etag, 'hit']);

    const one = await get('/products/TEE-M');
    expect([one.status, one.body, one.headers.get('x-cache')]).toEqual([200, tee, 'hit']);
    await expect(get('/products/TEE-M', { 'If-None-Match': one.headers.get('etag')! })).resolves.toMatchObject({ status: 304 });
    await expect(get('/products/NOPE-1')).resolves.toMatchObject({ status: 404, body: { type: '/problems/not-found', detail: 'no product NOPE-1' } });
    expect(standIn.state.calls - callsBefore).toBeLessThanOrEqual(1); // 0 when an earlier read filled it
  });

  it('is invalidated by an inventory event: the next read asks the inventory again and answers the new stock and ETag', async () => {
    const before = await get('/products');
    await expect(get('/products')).resolves.toMatchObject({ status: 200 });
    expect((await get('/products')).headers.get('x-cache')).toBe('hit');
    const { invalidations } = await health();

    standIn.state.products = [mug(3), tee]; // what the inventory would hold after the reservation
    await publishStockReserved();
    const fresh = await waitFor('the gateway to answer the new stock', async () => {
      const answer = await get('/products', { 'If-None-Match': before.headers.get('etag')! });
      return answer.status === 200 ? answer : undefined;
    });
    expect(fresh.body).toEqual({ products: [mug(3), tee] });
    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect(fresh.headers.get('etag')).not.toBe(before.headers.get('etag'));
    await expect(health()).resolves.toMatchObject({
      invalidations: invalidations + 1,
      lastInvalidation: { by: Events.stockReservedV1.type },
    });
    expect((await get('/products')).headers.get('x-cache')).toBe('hit');
  });

  it('is invalidated by an inventory event type this build does not know (stock replenished, being added)', async () => {
    await get('/products');
    const callsBefore = standIn.state.calls;
    standIn.state.products = [mug(13), tee];
    const orderId = randomUUID();
    await producer.sendRaw(isolated.inventoryEvents, [
      {
        key: orderId,
        value: JSON.stringify({ sku: 'MUG-01', quantity: 10 }),
        headers: { [CE_HEADERS.id]: randomUUID(), [CE_HEADERS.type]: 'shop.inventory.stock-replenished.v1', [CE_HEADERS.specversion]: '1.0' },
        partition: 0, // not sent: the key picks the partition
        offset: '0',
      },
    ]);
    const fresh = await waitFor('the gateway to answer the replenished stock', async () => {
      const answer = await get('/products/MUG-01');
      return answer.body?.stock === 13 ? answer : undefined;
    });
    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect(standIn.state.calls).toBe(callsBefore + 1);
  });

  it('makes one call to the inventory for concurrent misses after an invalidation', async () => {
    await get('/products');
    const { invalidations } = await health();
    await publishStockReserved();
    await waitFor('the invalidation', async () => ((await health()).invalidations === invalidations + 1 ? true : undefined));
    const callsBefore = standIn.state.calls;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => get(i % 2 ? '/products' : '/products/MUG-01')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    expect(standIn.state.calls).toBe(callsBefore + 1);
  });
});
