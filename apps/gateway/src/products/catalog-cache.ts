import type { Product } from '@shop/event-contracts';
import { LRUCache } from 'lru-cache';
import { CatalogSnapshot } from './catalog-snapshot.js';

/** How a read was answered: from the cache, by a call to the inventory that was then kept, or by a call not kept. */
export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/** Asks the inventory for the catalog (the request-reply call, which throws the problem to answer when it fails). */
export type CatalogLoader = () => Promise<{ products: Product[] }>;

export interface CatalogCacheSettings {
  /** Off: every read asks the inventory, and no consumer runs (GATEWAY_CATALOG_CACHE=off). */
  enabled: boolean;
  /**
   * A backstop, not the freshness mechanism: a catalog kept this long is asked
   * for again even though no event said it changed, which bounds what no event
   * reports (a row edited by hand in the inventory's database) and any fault
   * the consumer's lease does not catch (GATEWAY_CATALOG_CACHE_MAX_AGE_MS).
   */
  maxAgeMs: number;
}

const KEY = 'catalog';

/**
 * The gateway's copy of the catalog, kept until an inventory event says it may
 * have changed (CatalogEventsConsumer calls `invalidate`), so it is never
 * staler than the event lag: the inventory's outbox relay plus the consumer.
 *
 * It serves only while that consumer is consuming: for a short lease that each
 * of its fetches renews (`serveFor`, from the first fetch after it joined its
 * group), ended at once by a crash, a rebalance or a stop (`stopServing`). A
 * cache nobody invalidates would be wrong, so when the fetches stop (a broker
 * gone quiet before kafkajs notices) or the consumer is down, every read asks
 * the inventory (pass-through, `bypass`), and serving starts again from nothing.
 *
 * lru-cache holds the one entry: its `fetch` coalesces concurrent misses into
 * one call to the inventory, `ttl` is the backstop, and deleting an entry
 * while its fetch is in flight aborts that fetch, so an answer the inventory
 * gave before an event arrived is handed to the requests that waited for it
 * but never stored (`ignoreFetchAbort`: the waiters get it; the store is skipped
 * because the entry it would fill is gone).
 */
export class CatalogCache {
  private readonly entries: LRUCache<typeof KEY, CatalogSnapshot, CatalogLoader>;
  /** Serving until then (on `now()`'s clock); 0 when stopped. */
  private servingUntil = 0;
  private readonly now: () => number;
  private readonly counts = { hits: 0, misses: 0, bypassed: 0, invalidations: 0 };
  private lastInvalidation?: { by: string; at: string };

  constructor(
    readonly settings: CatalogCacheSettings,
    /** The clock of the max age (tests pass their own, read at every check). */
    perf?: { now(): number },
  ) {
    this.entries = new LRUCache<typeof KEY, CatalogSnapshot, CatalogLoader>({
      max: 1,
      ttl: settings.maxAgeMs,
      fetchMethod: async (_key, _stale, { context: load }) => new CatalogSnapshot(await load()),
      ignoreFetchAbort: true,
      ...(perf && { perf, ttlResolution: 0 }),
    });
    this.now = perf ? () => perf.now() : () => performance.now();
  }

  /** Reads are answered from the cache (enabled, and its consumer is consuming). */
  get active(): boolean {
    return this.settings.enabled && this.now() < this.servingUntil;
  }

  /** The catalog, from the cache when it holds it, else from `load` (one call for concurrent misses). */
  async read(load: CatalogLoader): Promise<{ snapshot: CatalogSnapshot; outcome: CacheOutcome }> {
    if (!this.active) {
      this.counts.bypassed++;
      return { snapshot: new CatalogSnapshot(await load()), outcome: 'bypass' };
    }
    const status: LRUCache.Status<typeof KEY, CatalogSnapshot, CatalogLoader> = {};
    const snapshot = await this.entries.fetch(KEY, { context: load, status });
    const outcome = status.fetch === 'hit' ? 'hit' : 'miss';
    this.counts[outcome === 'hit' ? 'hits' : 'misses']++;
    return { snapshot: snapshot!, outcome };
  }

  /** The catalog may have changed (`by`: the event type that says so): forget it, and any fetch in flight. */
  invalidate(by: string): void {
    this.entries.clear();
    this.counts.invalidations++;
    this.lastInvalidation = { by, at: new Date().toISOString() };
  }

  /**
   * The consumer is positioned and has just fetched: serve for `leaseMs` more.
   * Starting (or starting again after the lease ran out), it starts from
   * nothing: events may have been missed until now.
   */
  serveFor(leaseMs: number): void {
    if (!this.active) this.entries.clear();
    this.servingUntil = this.now() + leaseMs;
  }

  /** Nobody would invalidate the cache any more: forget it and pass reads through. */
  stopServing(): void {
    this.servingUntil = 0;
    this.entries.clear();
  }

  /** What `/health` shows beside the consumer's state. */
  describe(): Record<string, unknown> {
    const remainingMs = this.entries.getRemainingTTL(KEY);
    return {
      serving: this.active ? 'cache' : 'pass-through',
      maxAgeMs: this.settings.maxAgeMs,
      ...(remainingMs > 0 && { entryAgeMs: Math.max(0, Math.round(this.settings.maxAgeMs - remainingMs)) }),
      ...this.counts,
      ...(this.lastInvalidation && { lastInvalidation: this.lastInvalidation }),
    };
  }
}
