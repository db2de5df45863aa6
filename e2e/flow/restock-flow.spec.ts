import { Events } from '@shop/event-contracts';
import { uniqueSuffix } from '../support/environment.js';
import { GatewayClient } from '../support/gateway-client.js';
import { addProduct, stockOf } from '../support/inventory-fixtures.js';
import { ShopSystem } from '../support/shop-system.js';
import { waitFor } from '../support/wait-for.js';

// The part of the shop a restock crosses, as real processes on their real databases and groups.
// Ports 3501-3503: this work's range (3500-3519), apart from ./shop up and the other tests.
const shop = new ShopSystem(3501, {}, ['inventory', 'history', 'gateway']);
let gateway: GatewayClient;

const sku = `IT-${uniqueSuffix()}-RESTOCK`.toUpperCase();

beforeAll(async () => {
  await shop.start();
  gateway = new GatewayClient(shop.gatewayUrl);
}, 90_000);
afterAll(() => shop.stop());

describe('an operator restocks a product through the gateway', () => {
  it('raises the stock GET /products shows, and history records the event on the product’s timeline', async () => {
    await addProduct(sku, 0, 1_999); // sold out

    const restocked = await gateway.restock(sku, 40);
    expect(restocked).toMatchObject({ status: 200, body: { sku, quantity: 40, stock: 40 } });
    expect(restocked.headers.get('x-trace-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(await stockOf(sku)).toBe(40);

    // Waited for, not read once: another inventory on the shared request topic (a test's own, with a database of
    // its own) may answer a list first; only this shop's has the product.
    const listed = await waitFor(`${sku} in GET /products`, async () => {
      const { status, body } = await gateway.products();
      return status === 200 ? body.products.find((product: { sku: string }) => product.sku === sku) : undefined;
    });
    expect(listed).toEqual({ sku, name: `Test product ${sku}`, priceCents: 1_999, currency: 'EUR', stock: 40 });

    const timeline = await waitFor(`the restock of ${sku} in history`, async () => {
      const { status, body } = await gateway.productTimeline(sku);
      return status === 200 && body.entries.length === 1 ? body : undefined;
    }, { timeoutMs: 30_000 });
    expect(timeline).toEqual({
      sku,
      entries: [
        {
          eventId: expect.any(String),
          type: Events.stockReplenishedV1.type,
          source: '/shop/inventory',
          time: expect.any(String),
          summary: 'Stock replenished: 40 units added, 40 in stock',
          data: { sku, quantity: 40, stock: 40 },
        },
      ],
    });
  });

  it('answers 404 for a sku the catalog does not have and 400 for a quantity out of bounds, changing nothing', async () => {
    const product = `${sku}-2`;
    await addProduct(product, 3);
    const unknown = `${sku}-NOPE`;
    await expect(gateway.restock(unknown, 1)).resolves.toMatchObject({ status: 404, body: { detail: `no product ${unknown} in the catalog` } });
    const refused = await gateway.restock(product, 0);
    expect(refused).toMatchObject({ status: 400, body: { errors: [{ field: 'quantity' }] } });
    expect(await stockOf(product)).toBe(3);
  });
});
