import { randomUUID } from 'node:crypto';
import { Events } from '@shop/event-contracts';
import { InventoryHarness } from './inventory-harness.js';

// Ports apart from ./shop up (3000-3006) and the other tests.
const harness = new InventoryHarness(3160);

beforeAll(() => harness.start(), 60_000);
afterAll(() => harness.stop(), 30_000);

const RESERVED = Events.stockReservedV1.type;
const FAILED = Events.stockReservationFailedV1.type;
const RELEASED = Events.stockReleasedV1.type;

describe('inventory reserves stock for placed orders, all or nothing', () => {
  it('reserves every line at the catalog price and takes the stock', async () => {
    const mug = await harness.addProduct('mug', 5, 1_250);
    const tee = await harness.addProduct('tee', 2, 2_490);
    const order = harness.placed([{ sku: tee, quantity: 2 }, { sku: mug, quantity: 3 }]);
    const placed = await harness.orders.send(Events.orderPlacedV1, order);

    const reserved = await harness.published(order.orderId, RESERVED);
    expect(reserved.data).toEqual({
      orderId: order.orderId,
      lines: [
        { sku: tee, name: 'Test tee', quantity: 2, unitPriceCents: 2_490 },
        { sku: mug, name: 'Test mug', quantity: 3, unitPriceCents: 1_250 },
      ],
      currency: 'EUR',
      totalCents: 8_730,
    });
    expect(reserved.causationId).toBe(placed.id);
    expect(reserved.correlationId).toBe(placed.id);
    expect([await harness.stockOf(mug), await harness.stockOf(tee)]).toEqual([2, 0]);
    const reservation = await harness.db.reservation.findUniqueOrThrow({ where: { orderId: order.orderId }, include: { lines: true } });
    expect(reservation).toMatchObject({ status: 'RESERVED', currency: 'EUR', totalCents: 8_730 });
    expect(reservation.lines).toHaveLength(2);
  });

  it('refuses the whole order when a line lacks stock or is unknown, and takes nothing', async () => {
    const lamp = await harness.addProduct('lamp', 1);
    const pen = await harness.addProduct('pen', 10);
    const unknown = `NO-SUCH-SKU-${randomUUID()}`;
    const order = harness.placed([{ sku: pen, quantity: 4 }, { sku: lamp, quantity: 2 }, { sku: unknown, quantity: 1 }]);
    await harness.orders.send(Events.orderPlacedV1, order);

    const failed = await harness.published(order.orderId, FAILED);
    expect(failed.data).toEqual({ orderId: order.orderId, shortages: [{ sku: lamp, requested: 2, available: 1 }], unknownSkus: [unknown] });
    expect([await harness.stockOf(pen), await harness.stockOf(lamp)]).toEqual([10, 1]);
    expect(await harness.db.reservation.count({ where: { orderId: order.orderId } })).toBe(0);
  });

  it('refuses an order none of whose skus the catalog has', async () => {
    const unknown = [`NO-SUCH-SKU-${randomUUID()}`, `NO-SUCH-SKU-${randomUUID()}`].sort();
    const order = harness.placed(unknown.map((sku) => ({ sku, quantity: 1 })));
    await harness.orders.send(Events.orderPlacedV1, order);

    const failed = await harness.published(order.orderId, FAILED);
    expect(failed.data).toEqual({ orderId: order.orderId, shortages: [], unknownSkus: unknown });
  });

  it('sells the last 10 units exactly once among 50 concurrent orders', async () => {
    const rush = await harness.addProduct('rush', 10, 500);
    const orders = Array.from({ length: 50 }, () => harness.placed([{ sku: rush, quantity: 1 }]));
    await harness.orders.sendAll(Events.orderPlacedV1, orders);

    const outcomes = await Promise.all(orders.map(({ orderId }) => harness.answer(orderId, 30_000)));
    const reserved = outcomes.filter((event) => event.type === RESERVED);
    expect(reserved).toHaveLength(10);
    expect(outcomes.filter((event) => event.type === FAILED)).toHaveLength(40);
    for (const refusal of outcomes.filter((event) => event.type === FAILED)) {
      expect(refusal.data.shortages).toEqual([{ sku: rush, requested: 1, available: 0 }]);
    }
    expect(await harness.stockOf(rush)).toBe(0);
    expect(await harness.db.reservationLine.aggregate({ where: { sku: rush }, _sum: { quantity: true } })).toEqual({
      _sum: { quantity: 10 },
    });
  }, 60_000);

  it('never deadlocks when concurrent orders list the same products in opposite orders', async () => {
    const left = await harness.addProduct('left', 100);
    const right = await harness.addProduct('right', 100);
    const orders = Array.from({ length: 40 }, (_, i) =>
      harness.placed(i % 2 === 0 ? [{ sku: left, quantity: 1 }, { sku: right, quantity: 2 }] : [{ sku: right, quantity: 2 }, { sku: left, quantity: 1 }]),
    );
    await harness.orders.sendAll(Events.orderPlacedV1, orders);

    const outcomes = await Promise.all(orders.map(({ orderId }) => harness.answer(orderId, 30_000)));
    expect(outcomes.every((event) => event.type === RESERVED)).toBe(true);
    expect([await harness.stockOf(left), await harness.stockOf(right)]).toEqual([60, 20]);
    // Rows are locked in sku order whatever the order of the items: no transaction was aborted and retried.
    expect(harness.inventory.process.log).not.toMatch(/deadlock|handler failed/);
  }, 60_000);

  it('releases the stock of a cancelled order once, however often the cancellation arrives', async () => {
    const bag = await harness.addProduct('bag', 4);
    const order = harness.placed([{ sku: bag, quantity: 3 }]);
    await harness.orders.send(Events.orderPlacedV1, order);
    await harness.published(order.orderId, RESERVED);
    expect(await harness.stockOf(bag)).toBe(1);

    const cancel = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(order.orderId));
    const released = await harness.published(order.orderId, RELEASED);
    expect(released.data).toEqual({ orderId: order.orderId, lines: [{ sku: bag, quantity: 3 }] });
    expect(released.causationId).toBe(cancel.id);
    expect(await harness.stockOf(bag)).toBe(4);
    expect(await harness.db.reservation.findUniqueOrThrow({ where: { orderId: order.orderId } })).toMatchObject({
      status: 'RELEASED',
      releasedAt: expect.any(Date),
    });

    // The same event redelivered, then a second cancellation (another event id): neither releases again.
    const redelivered = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(order.orderId), { id: cancel.id });
    const again = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(order.orderId));
    await harness.consumedPast(redelivered);
    await harness.handled(again.id);
    expect(await harness.stockOf(bag)).toBe(4);
    expect(await harness.outboxTypes(order.orderId)).toEqual([RESERVED, RELEASED]);
  });

  it('changes nothing when an order.placed is delivered again, with the same or a new event id', async () => {
    const cup = await harness.addProduct('cup', 5);
    const order = harness.placed([{ sku: cup, quantity: 2 }]);
    const placed = await harness.orders.send(Events.orderPlacedV1, order);
    await harness.published(order.orderId, RESERVED);

    const redelivered = await harness.orders.send(Events.orderPlacedV1, order, { id: placed.id });
    const republished = await harness.orders.send(Events.orderPlacedV1, order);
    await harness.consumedPast(redelivered);
    await harness.handled(republished.id);
    expect(await harness.stockOf(cup)).toBe(3);
    expect(await harness.outboxTypes(order.orderId)).toEqual([RESERVED]);
    expect(await harness.db.reservation.count({ where: { orderId: order.orderId } })).toBe(1);
  });

  it('releases nothing when an order is cancelled before any stock was reserved', async () => {
    const hat = await harness.addProduct('hat', 1);
    const refused = harness.placed([{ sku: hat, quantity: 2 }]);
    await harness.orders.send(Events.orderPlacedV1, refused);
    await harness.published(refused.orderId, FAILED);

    const cancel = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(refused.orderId, 'PENDING'));
    await harness.handled(cancel.id);
    expect(await harness.stockOf(hat)).toBe(1);
    expect(await harness.outboxTypes(refused.orderId)).toEqual([FAILED]);
  });

  it('takes no stock for an order.placed that arrives after the order was cancelled', async () => {
    // E.g. the order.placed was dead-lettered while the database was down and is replayed after the cancellation.
    const scarf = await harness.addProduct('scarf', 3);
    const order = harness.placed([{ sku: scarf, quantity: 1 }]);
    const cancel = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(order.orderId, 'PENDING'));
    const lateOrder = await harness.orders.send(Events.orderPlacedV1, order);
    await harness.handled(cancel.id);
    await harness.handled(lateOrder.id);

    expect(await harness.stockOf(scarf)).toBe(3);
    expect(await harness.outboxTypes(order.orderId)).toEqual([]);
    expect(await harness.db.cancelledOrder.count({ where: { orderId: order.orderId } })).toBe(1);
    expect(await harness.db.reservation.count({ where: { orderId: order.orderId } })).toBe(0);
  });
});
