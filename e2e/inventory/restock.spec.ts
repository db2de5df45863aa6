import { Events, MAX_RESTOCK_QUANTITY, type Reply, Requests, type RequestOf } from '@shop/event-contracts';
import { askUntil } from '../support/kafka-request.js';
import { waitFor } from '../support/wait-for.js';
import { InventoryHarness } from './inventory-harness.js';

// Ports 3500-3519 are this work's; apart from ./shop up (3000-3006) and the other tests.
const harness = new InventoryHarness(3500);

beforeAll(() => harness.start(), 60_000);
afterAll(() => harness.stop(), 30_000);

const REPLENISHED = Events.stockReplenishedV1.type;
type Restock = RequestOf<typeof Requests.restock>;

/** The reply about the test's own product: another inventory on the shared topic (the demo's) answers NOT_FOUND for it. */
const restock = (request: Restock, accept: (reply: Reply<unknown>) => boolean = (reply) => reply.ok) =>
  askUntil(harness.kafka, Requests.restock, request, accept);

describe('shop.inventory.restock', () => {
  it('raises the stock and publishes stock-replenished keyed by the sku, once per restock', async () => {
    const sku = await harness.addProduct('restocked', 2);

    await expect(restock({ sku, quantity: 50 })).resolves.toEqual({ ok: true, value: { sku, quantity: 50, stock: 52 } });
    await expect(restock({ sku, quantity: 3 })).resolves.toEqual({ ok: true, value: { sku, quantity: 3, stock: 55 } });

    expect(await harness.stockOf(sku)).toBe(55);
    const events = await waitFor('both stock-replenished events', async () => {
      const found = harness.eventsOf(sku).filter((event) => event.type === REPLENISHED);
      return found.length === 2 ? found : undefined;
    });
    expect(events.map((event) => event.data)).toEqual([
      { sku, quantity: 50, stock: 52 },
      { sku, quantity: 3, stock: 55 },
    ]);
    expect(events[0]).toMatchObject({ subject: sku, source: harness.inventory.source });
    expect(await harness.outboxTypes(sku)).toEqual([REPLENISHED, REPLENISHED]);
  });

  it('answers NOT_FOUND for a sku the catalog does not have, and publishes nothing', async () => {
    const sku = `IT-NOPE-${Date.now().toString(36)}`.toUpperCase();
    const reply = await restock({ sku, quantity: 1 }, () => true);
    expect(reply).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: `no product ${sku} in the catalog` } });
    expect(await harness.outboxTypes(sku)).toEqual([]);
  });

  it('answers CONFLICT rather than pass what the stock column holds, and changes nothing', async () => {
    const sku = await harness.addProduct('full', 2_147_483_000);
    const reply = await restock({ sku, quantity: MAX_RESTOCK_QUANTITY }, (answer) => !answer.ok && answer.error.code === 'CONFLICT');
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringMatching(new RegExp(`^${sku} holds 2147483000 units`)) } });
    expect(await harness.stockOf(sku)).toBe(2_147_483_000);
    expect(await harness.outboxTypes(sku)).toEqual([]);
  });

  it('answers INVALID naming the quantity, beyond the contract’s bounds', async () => {
    const sku = await harness.addProduct('invalid', 1);
    for (const quantity of [0, MAX_RESTOCK_QUANTITY + 1, 1.5]) {
      const reply = await restock({ sku, quantity }, () => true);
      expect([quantity, reply]).toEqual([quantity, { ok: false, error: expect.objectContaining({ code: 'INVALID', issues: [expect.objectContaining({ path: 'quantity' })] }) }]);
    }
  });

  it('loses no unit when restocks and reservations of one product run at once (both lock its row)', async () => {
    const sku = await harness.addProduct('busy', 5);
    const orders = Array.from({ length: 12 }, () => harness.placed([{ sku, quantity: 1 }]));
    const [, replies] = await Promise.all([
      Promise.all(orders.map((order) => harness.orders.send(Events.orderPlacedV1, order))),
      Promise.all(Array.from({ length: 4 }, () => restock({ sku, quantity: 2 }))),
    ]);
    expect(replies.every((reply) => reply.ok)).toBe(true);
    const answers = await Promise.all(orders.map((order) => harness.answer(order.orderId, 30_000)));
    const reserved = answers.filter((answer) => answer.type === Events.stockReservedV1.type).length;
    expect(await harness.stockOf(sku)).toBe(5 + 4 * 2 - reserved);
    expect(reserved).toBeGreaterThanOrEqual(5);
  });
});
