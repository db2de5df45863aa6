import type { Product } from '@shop/event-contracts';
import { CatalogCache, type CatalogLoader } from './catalog-cache.js';

const mug = (stock: number): Product => ({ sku: 'MUG-01', name: 'Mug', priceCents: 1250, currency: 'EUR', stock });

/** A loader whose answers the test releases one at a time, counting calls. */
function controlledLoader() {
  const pending: { resolve: (value: { products: Product[] }) => void; reject: (error: Error) => void }[] = [];
  let calls = 0;
  const load: CatalogLoader = () => {
    calls++;
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  };
  return {
    load,
    get calls() {
      return calls;
    },
    answer: (stock: number) => pending.shift()!.resolve({ products: [mug(stock)] }),
    fail: (error: Error) => pending.shift()!.reject(error),
  };
}

/** A loader answering at once with the stock `stock()` says now. */
function countingLoader(stock: () => number) {
  const loader = {
    calls: 0,
    load: async (): Promise<{ products: Product[] }> => {
      loader.calls++;
      return { products: [mug(stock())] };
    },
  };
  return loader;
}

const stockIn = (read: { snapshot: { list: { body: Buffer } } }) => JSON.parse(read.snapshot.list.body.toString()).products[0].stock;

describe('CatalogCache', () => {
  let clock = 0;
  const perf = { now: () => clock };
  const servingCache = (maxAgeMs = 60_000) => {
    const cache = new CatalogCache({ enabled: true, maxAgeMs }, perf);
    cache.serveFor(3_600_000);
    return cache;
  };
  beforeEach(() => (clock = 1_000));

  it('asks every time while off by setting, or while not serving (its consumer is not consuming)', async () => {
    const loader = countingLoader(() => 5);
    const off = new CatalogCache({ enabled: false, maxAgeMs: 60_000 }, perf);
    off.serveFor(3_600_000);
    const notServing = new CatalogCache({ enabled: true, maxAgeMs: 60_000 }, perf);
    for (const cache of [off, off, notServing, notServing]) {
      await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'bypass' });
    }
    expect(loader.calls).toBe(4);
    expect(off.active).toBe(false);
    expect(notServing.describe()).toMatchObject({ serving: 'pass-through', bypassed: 2, hits: 0, misses: 0 });
  });

  it('keeps the catalog once asked: a miss, then hits with the same representation, one call', async () => {
    const loader = countingLoader(() => 5);
    const cache = servingCache();
    const first = await cache.read(loader.load);
    const second = await cache.read(loader.load);
    expect([first.outcome, second.outcome]).toEqual(['miss', 'hit']);
    expect(second.snapshot).toBe(first.snapshot);
    expect(stockIn(second)).toBe(5);
    expect(loader.calls).toBe(1);
    expect(cache.describe()).toMatchObject({ serving: 'cache', hits: 1, misses: 1, entryAgeMs: 0 });
  });

  it('makes one call for concurrent misses, every one of them answered with it', async () => {
    const loader = controlledLoader();
    const cache = servingCache();
    const reads = Array.from({ length: 5 }, () => cache.read(loader.load));
    loader.answer(7);
    const answered = await Promise.all(reads);
    expect(loader.calls).toBe(1);
    expect(new Set(answered.map((read) => read.snapshot)).size).toBe(1);
    expect(answered.map((read) => read.outcome)).toEqual(Array(5).fill('miss'));
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'hit' });
  });

  it('asks again after an invalidation, and answers the new catalog', async () => {
    let stock = 5;
    const loader = countingLoader(() => stock);
    const cache = servingCache();
    await cache.read(loader.load);
    stock = 3;
    cache.invalidate('shop.inventory.stock-reserved.v1');
    const fresh = await cache.read(loader.load);
    expect(fresh.outcome).toBe('miss');
    expect(stockIn(fresh)).toBe(3);
    expect(loader.calls).toBe(2);
    expect(cache.describe()).toMatchObject({
      invalidations: 1,
      lastInvalidation: { by: 'shop.inventory.stock-reserved.v1', at: expect.any(String) },
    });
  });

  it('never keeps an answer asked for before an invalidation: its waiters get it, the next read asks again', async () => {
    const loader = controlledLoader();
    const cache = servingCache();
    const before = cache.read(loader.load);
    // The event arrives while the inventory's answer (which may predate it) is on its way.
    cache.invalidate('shop.inventory.stock-released.v1');
    const after = cache.read(loader.load);
    expect(loader.calls).toBe(2); // the read after the event does not wait for the answer from before it
    loader.answer(5);
    loader.answer(9);
    expect(stockIn(await before)).toBe(5);
    expect(stockIn(await after)).toBe(9);
    const next = await cache.read(loader.load);
    expect(next).toMatchObject({ outcome: 'hit' });
    expect(stockIn(next)).toBe(9);
    expect(loader.calls).toBe(2);
  });

  it('keeps nothing when the inventory fails: every waiter gets the error, the next read asks again', async () => {
    const loader = controlledLoader();
    const cache = servingCache();
    const reads = [cache.read(loader.load), cache.read(loader.load)];
    loader.fail(new Error('the inventory service did not answer in time'));
    for (const read of reads) await expect(read).rejects.toThrow(/did not answer in time/);
    const retried = cache.read(loader.load);
    loader.answer(4);
    await expect(retried).resolves.toMatchObject({ outcome: 'miss' });
    expect(loader.calls).toBe(2);
  });

  it('asks again once the max age passed, even with no event (the backstop)', async () => {
    const loader = countingLoader(() => 5);
    const cache = servingCache(10_000);
    await cache.read(loader.load);
    clock += 9_999;
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'hit' });
    expect(cache.describe()).toMatchObject({ entryAgeMs: 9_999 });
    clock += 2;
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'miss' });
    expect(loader.calls).toBe(2);
  });

  it('forgets the catalog when it stops serving, and starts from nothing when it serves again', async () => {
    const loader = countingLoader(() => 5);
    const cache = servingCache();
    await cache.read(loader.load);
    cache.stopServing();
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'bypass' });
    cache.serveFor(5_000);
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'miss' });
    expect(loader.calls).toBe(3);
  });

  it('serves for a lease that each fetch of its consumer renews; once it ran out, reads pass through and it starts again from nothing', async () => {
    const loader = countingLoader(() => 5);
    const cache = new CatalogCache({ enabled: true, maxAgeMs: 60_000 }, perf);
    cache.serveFor(5_000);
    await cache.read(loader.load);
    clock += 4_000;
    cache.serveFor(5_000); // a fetch: the copy is kept
    clock += 4_000;
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'hit' });
    clock += 1_001; // no fetch for longer than the lease: the broker may be gone
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'bypass' });
    expect(cache.describe()).toMatchObject({ serving: 'pass-through' });
    cache.serveFor(5_000); // fetching again
    await expect(cache.read(loader.load)).resolves.toMatchObject({ outcome: 'miss' });
    expect(loader.calls).toBe(3);
  });
});
