import { Events } from '@shop/event-contracts';
import { DISPATCH_POLLING } from '../../apps/shipping/src/dispatch/shipment-dispatcher.js';
import { ServiceProcess } from '../support/service-process.js';
import { deliverable, ShippingHarness } from './shipping-harness.js';

const DISPATCH_DELAY_MS = 1_000;
// Ports apart from ./shop up (3000-3006) and the other tests.
const harness = new ShippingHarness(3161, { SHIPPING_DISPATCH_DELAY_MS: String(DISPATCH_DELAY_MS) });

beforeAll(() => harness.start(), 60_000);
afterAll(() => harness.stop(), 30_000);

const CREATED = Events.shipmentCreatedV1.type;
const DISPATCHED = Events.shipmentDispatchedV1.type;
const FAILED = Events.shipmentFailedV1.type;
const traceId = (traceparent?: string) => traceparent?.split('-')[1];

describe('shipping opens a shipment for each confirmed order and dispatches it after the delay', () => {
  it('creates the shipment with the address, then hands it to the carrier, in the order confirmation’s flow and trace', async () => {
    const order = harness.confirmed();
    const confirmed = await harness.orders.send(Events.orderConfirmedV1, order);

    const created = await harness.published(order.orderId, CREATED);
    expect(created.data).toEqual({ shipmentId: expect.any(String), orderId: order.orderId, shippingAddress: deliverable });
    expect(await harness.shipmentOf(order.orderId)).toMatchObject({ status: 'CREATED', shippingAddress: deliverable });

    const dispatched = await harness.published(order.orderId, DISPATCHED);
    expect(dispatched.data).toEqual({
      shipmentId: created.data.shipmentId,
      orderId: order.orderId,
      carrier: 'DHL',
      trackingNumber: expect.stringMatching(/^DH[0-9A-F]{12}DE$/),
    });
    const shipment = (await harness.shipmentOf(order.orderId))!;
    expect(shipment).toMatchObject({ status: 'DISPATCHED', carrier: 'DHL', trackingNumber: dispatched.data.trackingNumber });
    // Dispatched no earlier than scheduled, and scheduled exactly the delay after the shipment was opened.
    expect(shipment.settledAt!.getTime()).toBeGreaterThanOrEqual(shipment.dispatchAt.getTime());
    // On time: the handler tells the dispatcher when the shipment is due; idle, it would look only every 5 s.
    expect(shipment.settledAt!.getTime() - shipment.dispatchAt.getTime()).toBeLessThan(DISPATCH_POLLING.graceMs);
    expect(shipment.dispatchAt.getTime() - shipment.createdAt.getTime()).toBe(DISPATCH_DELAY_MS);
    expect(dispatched).toMatchObject({ correlationId: confirmed.id, causationId: confirmed.id });
    expect(traceId(dispatched.traceparent)).toBeDefined();
    expect(traceId(dispatched.traceparent)).toBe(traceId(created.traceparent));
  });

  it.each([
    ['a country we do not ship to', { ...deliverable, country: 'JP', city: 'Tokyo', postalCode: '100-0001' }, /no carrier delivers to JP/],
    ['the placeholder postal code 00000', { ...deliverable, postalCode: '00000' }, /postal code 00000 is not a deliverable address/],
  ])('fails a shipment to %s, with the reason', async (_case, address, reason) => {
    const order = harness.confirmed(address);
    await harness.orders.send(Events.orderConfirmedV1, order);

    const failed = await harness.published(order.orderId, FAILED);
    expect(failed.data).toEqual({ shipmentId: expect.any(String), orderId: order.orderId, reason: expect.stringMatching(reason) });
    expect(await harness.shipmentOf(order.orderId)).toMatchObject({ status: 'FAILED', failureReason: failed.data.reason, carrier: null });
    expect(await harness.outboxTypes(order.orderId)).toEqual([CREATED, FAILED]);
  });

  it('settles shipments coming due together in one round, each with its own outcome', async () => {
    const japan = { ...deliverable, country: 'JP', city: 'Tokyo', postalCode: '100-0001' };
    const orders = [deliverable, japan, deliverable, deliverable, japan, deliverable].map((address) => harness.confirmed(address));
    for (const order of orders) await harness.orders.send(Events.orderConfirmedV1, order);

    for (const [i, order] of orders.entries()) {
      if (i % 3 === 1) {
        const failed = await harness.published(order.orderId, FAILED);
        const shipment = await harness.shipmentOf(order.orderId);
        expect(shipment).toMatchObject({ status: 'FAILED', failureReason: failed.data.reason, carrier: null, trackingNumber: null });
      } else {
        const dispatched = await harness.published(order.orderId, DISPATCHED);
        const { carrier, trackingNumber } = dispatched.data;
        expect(await harness.shipmentOf(order.orderId)).toMatchObject({ status: 'DISPATCHED', carrier, trackingNumber, failureReason: null });
      }
    }
    // One statement settles a round's shipments, so they share its time: fewer rounds than shipments.
    const settledAt = await Promise.all(orders.map(async (order) => (await harness.shipmentOf(order.orderId))!.settledAt!.getTime()));
    expect(new Set(settledAt).size).toBeLessThan(orders.length);
  });

  it('never dispatches a shipment whose order is cancelled before the delay is over', async () => {
    const order = harness.confirmed();
    await harness.orders.send(Events.orderConfirmedV1, order);
    const cancel = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(order.orderId));
    await harness.handled(cancel.id);
    expect(await harness.shipmentOf(order.orderId)).toMatchObject({ status: 'CANCELLED', settledAt: expect.any(Date) });

    // A shipment confirmed after it is dispatched only once the dispatcher has passed the cancelled one's time.
    const later = harness.confirmed();
    await harness.orders.send(Events.orderConfirmedV1, later);
    await harness.published(later.orderId, DISPATCHED);
    expect(await harness.outboxTypes(order.orderId)).toEqual([CREATED]);
    expect((await harness.shipmentOf(order.orderId))!.status).toBe('CANCELLED');
  });

  it('opens one shipment per order however often order.confirmed arrives', async () => {
    const order = harness.confirmed();
    const confirmed = await harness.orders.send(Events.orderConfirmedV1, order);
    await harness.published(order.orderId, CREATED);

    const redelivered = await harness.orders.send(Events.orderConfirmedV1, order, { id: confirmed.id });
    const republished = await harness.orders.send(Events.orderConfirmedV1, order);
    await harness.consumedPast(redelivered);
    await harness.handled(republished.id);
    expect(await harness.db.shipment.count({ where: { orderId: order.orderId } })).toBe(1);
    await harness.published(order.orderId, DISPATCHED);
    expect(await harness.outboxTypes(order.orderId)).toEqual([CREATED, DISPATCHED]);
  });

  it('opens no shipment for an order.confirmed that arrives after the order was cancelled', async () => {
    // E.g. the order.confirmed was dead-lettered and is replayed after the cancellation.
    const order = harness.confirmed();
    const cancel = await harness.orders.send(Events.orderCancelledV1, harness.cancelled(order.orderId));
    const lateConfirmation = await harness.orders.send(Events.orderConfirmedV1, order);
    await harness.handled(cancel.id);
    await harness.handled(lateConfirmation.id);
    expect(await harness.shipmentOf(order.orderId)).toBeNull();
    expect(await harness.outboxTypes(order.orderId)).toEqual([]);
  });
});

describe('shipping settings', () => {
  it('refuses to start, naming each bad setting, when the dispatch delay or the countries are invalid', async () => {
    const misconfigured = new ServiceProcess('shipping', 3163, { SHIPPING_DISPATCH_DELAY_MS: 'soon', SHIPPING_COUNTRIES: 'DE,Germany' });
    await expect(misconfigured.start()).rejects.toThrow(
      /exited with 1:.*SHIPPING_DISPATCH_DELAY_MS: .*\n.*SHIPPING_COUNTRIES\.1: expected ISO 3166-1 alpha-2/s,
    );
  });
});
