import { Topics } from '../topics.js';
import { eventSamples, ORDER_ID } from '../testing/samples.js';
import { ALL_EVENTS, eventContractByType, Events, type EventType } from './catalog.js';

const eventTypes = ALL_EVENTS.map((contract) => contract.type);

describe('event catalog', () => {
  it('has one contract per type, exported in Events and ALL_EVENTS alike', () => {
    expect(new Set(eventTypes).size).toBe(ALL_EVENTS.length);
    expect(Object.values(Events)).toEqual(ALL_EVENTS);
  });

  it.each(eventTypes)('%s is named shop.<service>.<event>.v<version> and published on its service topic', (type) => {
    const contract = eventContractByType(type);
    const [, service, , version] = /^shop\.([a-z]+)\.([a-z]+(?:-[a-z]+)*)\.v([1-9][0-9]*)$/.exec(type) ?? [];
    expect(service).toBeDefined();
    expect(contract.version).toBe(Number(version));
    expect(contract.topic).toBe(`shop.${service}.events`);
    expect(Object.values(Topics)).toContain(contract.topic);
  });

  it.each(eventTypes)('%s accepts its sample and keys it by the field it names (the order id but for a product event)', (type) => {
    const contract = eventContractByType(type);
    const result = contract.parse(eventSamples[type]);
    if (!result.success) throw new Error(result.error);
    expect(contract.key(result.data as never)).toBe((result.data as Record<string, unknown>)[contract.keyField]);
    if (contract.keyField === 'orderId') expect(contract.key(result.data as never)).toBe(ORDER_ID);
  });

  it('keys every event by its order, but a restock, which belongs to no order, by its sku', () => {
    const bySku = ALL_EVENTS.filter((contract) => contract.keyField !== 'orderId').map((contract) => [contract.type, contract.keyField]);
    expect(bySku).toEqual([['shop.inventory.stock-replenished.v1', 'sku']]);
  });

  it('has a sample for every type, so every contract above is exercised', () => {
    expect(Object.keys(eventSamples).sort()).toEqual([...eventTypes].sort());
  });

  it('finds a contract by its ce_type and nothing for an unknown type', () => {
    expect(eventContractByType('shop.order.placed.v1')).toBe(Events.orderPlacedV1);
    expect(eventContractByType('shop.order.placed.v9' as string)).toBeUndefined();
  });

  it('puts each service on its own topic', () => {
    const topicOf = (type: EventType) => eventContractByType(type).topic;
    expect(topicOf('shop.order.shipped.v1')).toBe(Topics.orderEvents);
    expect(topicOf('shop.inventory.stock-reserved.v1')).toBe(Topics.inventoryEvents);
    expect(topicOf('shop.shipping.shipment-failed.v1')).toBe(Topics.shippingEvents);
    expect(topicOf('shop.email.sent.v1')).toBe(Topics.emailEvents);
    expect(topicOf('shop.slack.notified.v1')).toBe(Topics.slackEvents);
  });
});

describe('event field rules', () => {
  const refused = (type: EventType, data: Record<string, unknown>) => {
    const result = eventContractByType(type).parse({ ...eventSamples[type], ...data });
    return result.success ? 'accepted' : result.error;
  };

  it('prices in integer cents with an ISO 4217 currency, and a total that adds up', () => {
    const reserved = eventSamples['shop.inventory.stock-reserved.v1'];
    const lines = reserved.lines as { unitPriceCents: number }[];
    expect(refused('shop.inventory.stock-reserved.v1', { lines: [{ ...lines[0], unitPriceCents: 12.5 }] })).toMatch(
      /^lines\.0\.unitPriceCents: /,
    );
    expect(refused('shop.inventory.stock-reserved.v1', { currency: 'eur' })).toMatch(/^currency: /);
    expect(refused('shop.order.confirmed.v1', { totalCents: 1 })).toBe('totalCents: expected 4499, the sum of the lines');
  });

  it('lists each sku once per order', () => {
    const items = [{ sku: 'MUG-01', quantity: 1 }, { sku: 'MUG-01', quantity: 2 }];
    expect(refused('shop.order.placed.v1', { items })).toBe('items.1.sku: duplicate sku MUG-01');
  });

  it('explains a stock refusal: at least one shortage or unknown sku, and a shortage is really short', () => {
    expect(refused('shop.inventory.stock-reservation-failed.v1', { shortages: [], unknownSkus: [] })).toMatch(/^shortages: /);
    expect(
      refused('shop.order.rejected.v1', { shortages: [{ sku: 'MUG-01', requested: 2, available: 2 }] }),
    ).toBe('shortages.0.available: must be less than requested');
    expect(refused('shop.order.rejected.v1', { shortages: [], unknownSkus: ['NOPE-1'] })).toBe('accepted');
  });

  it('knows who cancelled and from which status', () => {
    expect(refused('shop.order.cancelled.v1', { requestedBy: 'admin' })).toMatch(/^requestedBy: /);
    expect(refused('shop.order.cancelled.v1', { previousStatus: 'SHIPPED' })).toMatch(/^previousStatus: /);
  });

  it('accepts an address without line2 but not a country name', () => {
    const { line2: _line2, ...address } = eventSamples['shop.shipping.shipment-created.v1'].shippingAddress as Record<string, string>;
    expect(refused('shop.shipping.shipment-created.v1', { shippingAddress: address })).toBe('accepted');
    expect(refused('shop.shipping.shipment-created.v1', { shippingAddress: { ...address, country: 'GBR' } })).toMatch(
      /^shippingAddress\.country: /,
    );
  });

  it('points notifications at the event they answer', () => {
    expect(refused('shop.email.sent.v1', { eventId: 'nope' })).toMatch(/^eventId: /);
    expect(refused('shop.email.sent.v1', { eventType: 'order placed' })).toMatch(/^eventType: /);
    expect(refused('shop.slack.notified.v1', { channel: undefined })).toBe('accepted');
  });

  it('takes tracking URLs over http(s) only', () => {
    expect(refused('shop.shipping.shipment-dispatched.v1', { trackingUrl: 'ftp://example.com/x' })).toMatch(/^trackingUrl: /);
  });
});
