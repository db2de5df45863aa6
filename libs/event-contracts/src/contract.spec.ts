import { z } from 'zod';
import { defineEvent } from './contract.js';
import { orderPlacedV1 } from './events/order/order-placed.event.js';
import { eventSamples, ORDER_ID } from './testing/samples.js';

const placed = eventSamples['shop.order.placed.v1'];

function errorOf(result: ReturnType<typeof orderPlacedV1.parse>): string {
  if (result.success) throw new Error('expected the data to be refused');
  return result.error;
}

describe('event contract', () => {
  it('accepts valid data and keys it by the order id', () => {
    const result = orderPlacedV1.parse(placed);
    expect(result.success).toBe(true);
    if (result.success) expect(orderPlacedV1.key(result.data)).toBe(ORDER_ID);
  });

  it('names the bad field, nested paths included', () => {
    const items = [{ sku: 'MUG-01', quantity: 0 }];
    expect(errorOf(orderPlacedV1.parse({ ...placed, items }))).toMatch(/^items\.0\.quantity: /);
    expect(errorOf(orderPlacedV1.parse({ ...placed, orderId: 'order-1' }))).toMatch(/^orderId: .*UUID/i);
    expect(errorOf(orderPlacedV1.parse({ ...placed, email: 'not-an-address' }))).toMatch(/^email: /);
    const shippingAddress = { ...eventSamples['shop.order.placed.v1'].shippingAddress as object, country: 'Germany' };
    expect(errorOf(orderPlacedV1.parse({ ...placed, shippingAddress }))).toMatch(/^shippingAddress\.country: /);
  });

  it('lists every bad field, and gives them as structured issues too', () => {
    const result = orderPlacedV1.parse({ ...placed, customerId: '', items: [] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((issue) => issue.path)).toEqual(['customerId', 'items']);
    expect(result.error).toContain('; ');
  });

  it('names the root when the data is not an object', () => {
    expect(errorOf(orderPlacedV1.parse('hello'))).toMatch(/^\(root\): /);
  });

  it('drops unknown properties, so a newer producer does not break an older consumer', () => {
    const result = orderPlacedV1.parse({ ...placed, couponCode: 'NEW-FIELD' });
    expect(result.success && 'couponCode' in result.data).toBe(false);
  });

  it('defineEvent keeps the spec and derives parse from the schema', () => {
    const contract = defineEvent({
      type: 'shop.test.thing-happened.v1',
      topic: 'shop.test.events',
      version: 1,
      schema: z.object({ orderId: z.string() }),
      key: (data) => data.orderId,
    });
    expect(contract).toMatchObject({ type: 'shop.test.thing-happened.v1', topic: 'shop.test.events', version: 1 });
    expect(contract.parse({ orderId: 'a' })).toEqual({ success: true, data: { orderId: 'a' } });
    expect(contract.parse({})).toMatchObject({ success: false, error: expect.stringMatching(/^orderId: /) });
  });
});
