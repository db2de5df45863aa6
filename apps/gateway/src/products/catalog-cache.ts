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
   * reports (a row edited by hand in the inventory's database) and a broker
   * that hangs without the consumer noticing (GATEWAY_CATALOG_CACHE_MAX_AGE_MS).
   */
  maxAgeMs: number;
}

const KEY = 'catalog';

/**
 * The gateway's copy of the catalog, kept until an inventory event says it may
 * have changed (CatalogEventsConsumer calls `invalidate`), so it is never
 * staler than the event lag: the inventory's outbox relay plus the consumer.
 *
 * It serves only while that consumer is consuming (`startServing` after it
 * joined its group and fetched from its position; `stopServing` on a crash, a
 * rebalance or a stop): a cache nobody invalidates would be wrong, so
 * meanwhile every read asks the inventory (pass-through, `bypass`).
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
  private serving = false;
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
  }

  /** Reads are answered from the cache (enabled, and its consumer is consuming). */
  get active(): boolean {
    return this.settings.enabled && this.serving;
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

  /** The consumer is positioned and consuming: start from nothing (events may have been missed until now). */
  startServing(): void {
    this.entries.clear();
    this.serving = true;
  }

  /** Nobody would invalidate the cache any more: forget it and pass reads through. */
  stopServing(): void {
    this.serving = false;
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
