import type { INestApplication } from '@nestjs/common';
import { errorReply, okReply, Requests } from '@shop/event-contracts';
import { ACCESS_METADATA } from '../auth/access.js';
import { FakeRequestClient } from '../testing/fake-request-client.js';
import { startTestApi } from '../testing/start-test-api.js';
import { ProductTimelineController } from './product-timeline.controller.js';
import { RestockController } from './restock.controller.js';
import { DEMO_OPERATOR_KEY } from '../auth/demo-credentials.js';

describe('restock and a product’s timeline (services faked)', () => {
  const client = new FakeRequestClient();
  let app: INestApplication;
  let url: string;

  const http = async (method: string, path: string, body?: string) => {
    const response = await fetch(url + path, { method, headers: { 'content-type': 'application/json', 'X-Api-Key': DEMO_OPERATOR_KEY }, body });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const restock = (sku: string, body: unknown) => http('POST', `/products/${sku}/restock`, JSON.stringify(body));

  beforeAll(async () => ({ app, url } = await startTestApi(client)));
  afterAll(() => app.close());
  beforeEach(() => client.reset());

  it('are for operators', () => {
    expect(Reflect.getMetadata(ACCESS_METADATA, RestockController.prototype.restock)).toBe('operator');
    expect(Reflect.getMetadata(ACCESS_METADATA, ProductTimelineController.prototype.timeline)).toBe('operator');
  });

  it('restocks: the sku and quantity to the inventory, 200 with the stock it answers', async () => {
    client.answer(Requests.restock.pattern, async () => okReply({ sku: 'MUG-01', quantity: 50, stock: 52 }));
    await expect(restock('MUG-01', { quantity: 50 })).resolves.toEqual({ status: 200, body: { sku: 'MUG-01', quantity: 50, stock: 52 } });
    expect(client.calls).toEqual([{ pattern: 'shop.inventory.restock', request: { sku: 'MUG-01', quantity: 50 } }]);
  });

  it('answers 400 naming every bad field, and sends nothing', async () => {
    for (const [body, field] of [
      [{ quantity: 0 }, 'quantity'],
      [{ quantity: 2.5 }, 'quantity'],
      [{ quantity: 1_000_001 }, 'quantity'],
      [{ quantity: '5' }, 'quantity'],
      [{}, 'quantity'],
      [[], 'body'],
    ] as const) {
      const response = await restock('MUG-01', body);
      expect([body, response.status, response.body.errors]).toEqual([body, 400, [{ field, message: expect.any(String) }]]);
    }
    const both = await restock('X'.repeat(65), { quantity: -1 });
    expect(both.body.errors).toEqual([
      { field: 'sku', message: expect.any(String) },
      { field: 'quantity', message: expect.any(String) },
    ]);
    expect((await http('POST', '/products/MUG-01/restock')).status).toBe(400);
    expect(client.calls).toEqual([]);
  });

  it('answers the inventory’s refusals: 404 for an unknown sku, 409 past what it stores; 503 when it does not answer', async () => {
    client.answer(Requests.restock.pattern, async () => errorReply('NOT_FOUND', 'no product NOPE-1 in the catalog'));
    await expect(restock('NOPE-1', { quantity: 1 })).resolves.toMatchObject({ status: 404, body: { detail: 'no product NOPE-1 in the catalog' } });
    client.answer(Requests.restock.pattern, async () => errorReply('CONFLICT', 'MUG-01 holds 2147483000 units'));
    await expect(restock('MUG-01', { quantity: 1000 })).resolves.toMatchObject({ status: 409, body: { type: '/problems/conflict' } });
    client.reset();
    await expect(restock('MUG-01', { quantity: 1 })).resolves.toMatchObject({ status: 503 });
  });

  it('reads a product’s timeline from history', async () => {
    const timeline = { sku: 'MUG-01', entries: [] };
    client.answer(Requests.getProductTimeline.pattern, async () => okReply(timeline));
    await expect(http('GET', '/products/MUG-01/timeline')).resolves.toEqual({ status: 200, body: timeline });
    expect(client.calls).toEqual([{ pattern: 'shop.history.get-product-timeline', request: { sku: 'MUG-01' } }]);
    await expect(http('GET', `/products/${'X'.repeat(65)}/timeline`)).resolves.toMatchObject({ status: 400, body: { errors: [{ field: 'sku' }] } });
  });
});
