import { ALL_EVENTS } from './events/catalog.js';
import { publishedJsonSchemas } from './json-schemas.js';
import { ALL_REQUESTS } from './requests/catalog.js';

describe('published JSON Schemas', () => {
  const schemas = publishedJsonSchemas();

  it('has every event type and both sides of every request, by name', () => {
    const expected = [
      ...ALL_EVENTS.map((event) => event.type),
      ...ALL_REQUESTS.flatMap((request) => [request.pattern, request.replyTopic]),
    ];
    expect(Object.keys(schemas).sort()).toEqual(expected.sort());
  });

  it('describes what consumers accept: required fields, formats, and open objects (unknown fields are tolerated)', () => {
    const placed = schemas['shop.order.placed.v1'] as Record<string, any>;
    expect(placed).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'shop.order.placed.v1',
      type: 'object',
    });
    expect(placed.required).toEqual(['orderId', 'customerId', 'email', 'items', 'shippingAddress']);
    expect(placed.properties.orderId.format).toBe('uuid');
    expect(placed.properties.items.items.properties.quantity).toMatchObject({ type: 'integer', exclusiveMinimum: 0 });
    expect(placed.properties.shippingAddress.required).not.toContain('line2');
    expect(JSON.stringify(placed)).not.toContain('"additionalProperties":false');
  });

  it('gives replies their ok / error alternatives', () => {
    const reply = schemas['shop.order.get.reply'] as { oneOf: { properties: { ok: { const: boolean } } }[] };
    expect(reply.oneOf.map((alternative) => alternative.properties.ok.const)).toEqual([true, false]);
  });

  it('is sorted by name, so the printed output and the snapshot are stable', () => {
    expect(Object.keys(schemas)).toEqual(Object.keys(schemas).sort());
  });
});
