import { placeOrderInput } from './place-order.input.js';

const body = {
  email: 'ada@example.com',
  items: [{ sku: 'MUG-01', quantity: 2 }],
  shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

describe('placeOrderInput', () => {
  it('builds the place-order request from the body, the key and the signed-in customer', () => {
    expect(placeOrderInput({ ...body, unknown: 'dropped' }, 'key-1', 'cust-1')).toEqual({
      success: true,
      data: { ...body, customerId: 'cust-1', idempotencyKey: 'key-1' },
    });
  });

  it('takes the customer from the token, never from the body', () => {
    expect(placeOrderInput({ ...body, customerId: 'someone-else' }, 'key-1', 'cust-1')).toMatchObject({ success: true, data: { customerId: 'cust-1' } });
  });

  it('names each bad body field by its path, and the header by its name, all at once', () => {
    const result = placeOrderInput({ ...body, email: 'nope', items: [{ sku: 'MUG-01', quantity: 0 }] }, undefined, 'cust-1');
    expect(result.success).toBe(false);
    expect(!result.success && result.issues.map((issue) => issue.path)).toEqual(['Idempotency-Key', 'email', 'items.0.quantity']);
  });

  it('refuses an empty or overlong key, as the contract does', () => {
    for (const key of ['', 'k'.repeat(256)]) {
      expect(placeOrderInput(body, key, 'cust-1')).toMatchObject({ success: false, issues: [{ path: 'Idempotency-Key' }] });
    }
  });

  it('refuses a body that is no object, and missing fields', () => {
    expect(placeOrderInput(undefined, 'k', 'cust-1')).toMatchObject({ success: false, issues: [{ path: '(root)' }] });
    expect(placeOrderInput({ email: 'ada@example.com' }, 'k', 'cust-1')).toMatchObject({
      success: false,
      issues: expect.arrayContaining([{ path: 'items', message: expect.any(String) }, { path: 'shippingAddress', message: expect.any(String) }]),
    });
  });

  it('merges the lines of the same sku, as the contract wants each sku once', () => {
    const twice = { ...body, items: [{ sku: 'MUG-01', quantity: 1 }, { sku: 'TEE-01', quantity: 1 }, { sku: 'MUG-01', quantity: 2 }] };
    expect(placeOrderInput(twice, 'k', 'cust-1')).toMatchObject({
      success: true,
      data: { items: [{ sku: 'MUG-01', quantity: 3 }, { sku: 'TEE-01', quantity: 1 }] },
    });
  });

  it('refuses more units on one line than the inventory could ever hold, and text that cannot be stored', () => {
    const result = placeOrderInput({ ...body, email: 'a\u0000@example.com', items: [{ sku: 'MUG-01', quantity: 2 ** 31 }] }, 'k\ud800', 'cust-1');
    expect(!result.success && result.issues.map((issue) => issue.path)).toEqual(['Idempotency-Key', 'email', 'items.0.quantity']);
  });
});
