import { randomUUID } from 'node:crypto';
import { type Product, Requests, replyTopicOf } from '@shop/event-contracts';
import { Partitioners } from 'kafkajs';
import { uniqueSuffix } from '../support/environment.js';
import { deleteGroups, startGroupAtEnd } from '../support/order-events.js';
import { waitFor } from '../support/wait-for.js';
import { InventoryHarness } from './inventory-harness.js';

const harness = new InventoryHarness(3162);

beforeAll(() => harness.start(), 60_000);
afterAll(() => harness.stop(), 30_000);

/**
 * Asks shop.inventory.list-products the way NestJS ClientKafka does and keeps
 * every reply to this request: another inventory on the shared topic (the
 * demo's) may answer too, so the test looks for the reply naming its own product.
 */
async function listProductsUntil(found: (products: Product[]) => boolean): Promise<Product[]> {
  const { kafka } = harness;
  const pattern = Requests.listProducts.pattern;
  const correlationId = randomUUID();
  const replies: unknown[] = [];
  const groupId = `it-replies-${uniqueSuffix()}`;
  await startGroupAtEnd(kafka, groupId, [replyTopicOf(pattern)]);
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 100 });
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await Promise.all([consumer.connect(), producer.connect()]);
  try {
    await consumer.subscribe({ topic: replyTopicOf(pattern) });
    await consumer.run({
      eachMessage: async ({ message }) => {
        if (message.headers?.kafka_correlationId?.toString() === correlationId) replies.push(JSON.parse(message.value!.toString()));
      },
    });
    await producer.send({
      topic: pattern,
      messages: [{ value: JSON.stringify({}), headers: { kafka_correlationId: correlationId, kafka_replyTopic: replyTopicOf(pattern) } }],
    });
    return await waitFor('a list-products reply with the test product', async () => {
      for (const raw of replies) {
        const reply = Requests.listProducts.parseReply(raw);
        if (reply.success && reply.data.ok && found(reply.data.value.products)) return reply.data.value.products;
      }
      return undefined;
    });
  } finally {
    await Promise.all([consumer.disconnect(), producer.disconnect()]);
    await deleteGroups(kafka, [groupId]);
  }
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
