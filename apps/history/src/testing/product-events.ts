// Valid events of a product that belong to no order, for the unit and e2e tests. Not part of the build.
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, Events, type StockReplenishedV1 } from '@shop/event-contracts';

/** A stock-replenished event as the inventory publishes it: keyed (and ce_subject) by the sku. */
export function restockEvent(data: StockReplenishedV1, time: Date = new Date()): EventEnvelope<StockReplenishedV1> {
  const id = randomUUID();
  return {
    id,
    type: Events.stockReplenishedV1.type,
    source: '/shop/inventory',
    specversion: '1.0',
    time: time.toISOString(),
    subject: Events.stockReplenishedV1.key(data),
    correlationId: id,
    causationId: id,
    data: Events.stockReplenishedV1.schema.parse(data),
  };
}
