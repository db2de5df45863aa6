import { ALL_EVENTS, Events } from './catalog.js';
import { describeEvents, fieldsOf, producerOf, typeLabel } from './event-list.js';

describe('the list of event types', () => {
  const events = describeEvents();
  const byType = new Map(events.map((event) => [event.type, event]));

  it('has every type of the catalog, in its order, with its topic, version and producer', () => {
    expect(events.map((event) => event.type)).toEqual(ALL_EVENTS.map((contract) => contract.type));
    for (const contract of ALL_EVENTS) {
      expect(byType.get(contract.type)).toMatchObject({ topic: contract.topic, version: contract.version, producer: producerOf(contract.topic), key: contract.keyField });
    }
    expect(byType.get('shop.inventory.stock-reserved.v1')?.producer).toBe('inventory');
    expect(byType.get('shop.inventory.stock-replenished.v1')).toMatchObject({ key: 'sku', producer: 'inventory' });
  });

  it('derives the producer from the topic (shop.<service>.events), the Slack notifier being the one longer app name', () => {
    expect(producerOf('shop.order.events')).toBe('order');
    expect(producerOf('shop.shipping.events')).toBe('shipping');
    expect(producerOf('shop.slack.events')).toBe('slack-notifier');
    expect(() => producerOf('shop.order.place')).toThrow('shop.order.place is not an event topic (shop.<service>.events)');
  });

  it('lists the top-level fields of the data with their types, from the published JSON Schema', () => {
    const placed = byType.get(Events.orderPlacedV1.type)!;
    expect(placed.description).toMatch(/^A customer placed an order/);
    expect(placed.fields.map(({ name, type, required }) => [name, type, required])).toEqual([
      ['orderId', 'string (uuid)', true],
      ['customerId', 'string', true],
      ['email', 'string (email)', true],
      ['items', '{sku, quantity}[]', true],
      ['shippingAddress', '{name, line1, line2?, city, postalCode, country}', true],
    ]);
    expect(placed.fields[0]!.description).toMatch(/^The order id/);
    const cancelled = byType.get(Events.orderCancelledV1.type)!;
    expect(cancelled.fields.find((field) => field.name === 'requestedBy')?.type).toBe('"customer" | "system"');
    const shipped = byType.get(Events.orderShippedV1.type)!;
    expect(shipped.fields.find((field) => field.name === 'trackingUrl')).toMatchObject({ type: 'string (uri)', required: false });
  });

  it('labels any schema in a few words', () => {
    expect(typeLabel({ anyOf: [{ type: 'string' }, { type: 'null' }] })).toBe('string | null');
    expect(typeLabel({ type: 'array', items: { type: 'string', format: 'uuid' } })).toBe('(string (uuid))[]');
    expect(typeLabel({ type: 'array', items: { type: 'integer' } })).toBe('integer[]');
    expect(typeLabel({ type: 'object' })).toBe('object');
    expect(typeLabel({ const: 'x' })).toBe('"x"');
    expect(typeLabel({})).toBe('any');
    expect(fieldsOf({ type: 'object', properties: { a: { type: 'boolean' } } })).toEqual([{ name: 'a', type: 'boolean', required: false }]);
  });
});
