import { ALL_EVENTS, Events, Topics } from '@shop/event-contracts';
import { CATALOG_TOPIC, CATALOG_UNCHANGED_BY, changesCatalog } from './catalog-invalidation.js';

describe('which events invalidate the cached catalog', () => {
  const inventoryTypes = ALL_EVENTS.filter((contract) => contract.topic === CATALOG_TOPIC).map((contract) => contract.type);

  it('listens to the inventory’s events topic', () => {
    expect(CATALOG_TOPIC).toBe(Topics.inventoryEvents);
    expect(inventoryTypes).toEqual(expect.arrayContaining([Events.stockReservedV1.type, Events.stockReleasedV1.type]));
  });

  it('is every inventory event type of the contracts but those that change nothing (a refused reservation)', () => {
    const invalidating = inventoryTypes.filter(changesCatalog);
    expect(invalidating).toEqual(inventoryTypes.filter((type) => type !== Events.stockReservationFailedV1.type));
    expect(invalidating).toEqual(expect.arrayContaining(['shop.inventory.stock-reserved.v1', 'shop.inventory.stock-released.v1']));
  });

  it('covers a type this build’s contracts do not know yet, and an event without a type', () => {
    expect(changesCatalog('shop.inventory.stock-replenished.v1')).toBe(true);
    expect(changesCatalog('shop.inventory.something-new.v7')).toBe(true);
    expect(changesCatalog(undefined)).toBe(true);
  });

  it('lists as unchanging only inventory event types the contracts know', () => {
    for (const type of CATALOG_UNCHANGED_BY) expect(inventoryTypes).toContain(type);
  });
});
