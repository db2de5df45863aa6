import { CE_HEADERS, Events, Topics } from '@shop/event-contracts';
import type { KafkaMessage } from 'kafkajs';
import type { FeedListener } from '../events/feed-listener.js';
import type { CatalogCache } from './catalog-cache.js';

/**
 * The topic whose events invalidate the cached catalog: the inventory's, which
 * owns the catalog and its stock. Every event on it invalidates (stock
 * reserved, released, replenished, and any type the inventory publishes
 * later, known to this build's contracts or not), except the types listed
 * below, which say that nothing changed. So a new inventory event type is
 * covered without a change here; only a type that provably changes nothing
 * is worth adding to the list (a missed invalidation is a stale catalog, a
 * needless one only a miss).
 */
export const CATALOG_TOPIC = Topics.inventoryEvents;

/** Inventory event types that leave the catalog as it was. */
export const CATALOG_UNCHANGED_BY: ReadonlySet<string> = new Set([
  // All or nothing: a refused reservation reserves nothing.
  Events.stockReservationFailedV1.type,
]);

/** Whether an event of this `ce_type` on CATALOG_TOPIC may have changed the catalog; an event without a type may have. */
export function changesCatalog(type: string | undefined): boolean {
  return type === undefined || !CATALOG_UNCHANGED_BY.has(type);
}

/** The cache as the event feed keeps it: invalidated by `topic` (the namespaced CATALOG_TOPIC), serving while the feed consumes. */
export function catalogFeedListener(cache: CatalogCache, topic: string): FeedListener {
  return {
    name: 'catalog',
    topics: [topic],
    consume: (_topic, messages) => {
      const changing = messages.map(typeOf).filter(changesCatalog);
      if (changing.length > 0) cache.invalidate(changing.at(-1) ?? 'an event without ce_type');
    },
    serveFor: (leaseMs) => cache.serveFor(leaseMs),
    stopServing: () => cache.stopServing(),
    describe: () => cache.describe(),
  };
}

function typeOf(message: Pick<KafkaMessage, 'headers'>): string | undefined {
  const raw = message.headers?.[CE_HEADERS.type];
  const first = Array.isArray(raw) ? raw[0] : raw;
  return first?.toString();
}
