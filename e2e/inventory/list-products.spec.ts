import { type Product, Requests } from '@shop/event-contracts';
import { askUntil } from '../support/kafka-request.js';
import { InventoryHarness } from './inventory-harness.js';

const harness = new InventoryHarness(3162);

beforeAll(() => harness.start(), 60_000);
afterAll(() => harness.stop(), 30_000);

/** The products of the first list naming the test's product (another inventory on the shared topic may answer first). */
async function listProductsUntil(found: (products: Product[]) => boolean): Promise<Product[]> {
  const reply = await askUntil(harness.kafka, Requests.listProducts, {}, (answer) => answer.ok && found(answer.value.products));
  return reply.ok ? reply.value.products : [];
}

describe('shop.inventory.list-products', () => {
  it('lists every product with its price, currency and current stock, the demo catalog included', async () => {
    const sku = await harness.addProduct('listed', 7, 4_250);
    const products = await listProductsUntil((list) => list.some((product) => product.sku === sku));

    expect(products).toContainEqual({ sku, name: 'Test listed', priceCents: 4_250, currency: 'EUR', stock: 7 });
    // The seed migration's catalog: eight products, some nearly or entirely sold out.
    const seeded = products.filter((product) => !product.sku.startsWith('IT-'));
    expect(seeded).toHaveLength(8);
    expect(seeded).toContainEqual({ sku: 'MUG-CERAMIC-350', name: 'Ceramic Mug, 350 ml', priceCents: 1_250, currency: 'EUR', stock: 120 });
    expect(seeded.some((product) => product.stock === 0)).toBe(true);
  });
});
