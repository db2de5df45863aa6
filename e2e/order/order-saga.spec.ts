import { randomUUID } from 'node:crypto';
import { waitFor } from '../support/wait-for.js';
import { OrderServiceUnderTest, PRICING, aPlaceRequest, uniqueCustomer } from './support/order-service-under-test.js';

const SHIPMENT = {
  shipmentId: '6f1d2c3b-4a5e-4f60-8b71-2c3d4e5f6a7b',
  carrier: 'DHL',
  trackingNumber: 'JD0146000034',
  trackingUrl: 'https://track.example.com/JD0146000034',
};

describe('order saga: inventory and shipping events move the order (built app as a process, real Kafka)', () => {
  const order = new OrderServiceUnderTest(3151);
  const { events, requests } = order.topics;

  beforeAll(() => order.start(), 90_000);
  afterAll(() => order.stop(), 60_000);

  const statusOf = async (orderId: string) => (await order.db.order.findUniqueOrThrow({ where: { id: orderId } })).status;

  it('PENDING → CONFIRMED → SHIPPED, publishing confirmed and shipped caused by the events, then refuses a cancel', async () => {
    const customerId = uniqueCustomer();
    const request = aPlaceRequest(customerId);
    const orderId = await order.place(customerId, request);

    const reservedId = await order.emit(events.stockReserved, { orderId, ...PRICING });
    const confirmed = await order.waitForEvent(orderId, 'shop.order.confirmed.v1');
    expect(confirmed.data).toEqual({ orderId, customerId, email: request.email, ...PRICING, shippingAddress: request.shippingAddress });
    expect(confirmed.headers).toMatchObject({ ce_causationid: reservedId, ce_correlationid: reservedId });
    await expect(order.call(requests.get, { orderId })).resolves.toMatchObject({
      ok: true,
      value: { status: 'CONFIRMED', pricing: PRICING },
    });

    const dispatchedId = await order.emit(events.shipmentDispatched, { orderId, ...SHIPMENT });
    const shipped = await order.waitForEvent(orderId, 'shop.order.shipped.v1');
    expect(shipped.data).toEqual({ orderId, customerId, email: request.email, ...SHIPMENT, shippingAddress: request.shippingAddress });
    expect(shipped.headers).toMatchObject({ ce_causationid: dispatchedId });
    await expect(order.call(requests.get, { orderId })).resolves.toMatchObject({
      ok: true,
      value: { status: 'SHIPPED', pricing: PRICING, shipment: SHIPMENT },
    });

    await expect(order.call(requests.cancel, { orderId, reason: 'too late' })).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `order ${orderId} is SHIPPED: only PENDING or CONFIRMED orders can be cancelled` },
    });
    expect(order.events(orderId).map((event) => event.type)).toEqual([
      'shop.order.placed.v1',
      'shop.order.confirmed.v1',
      'shop.order.shipped.v1',
    ]);
  });

  it('PENDING → REJECTED when the stock is refused, the reason naming the shortages', async () => {
    const customerId = uniqueCustomer();
    const orderId = await order.place(customerId);
    const refusal = { shortages: [{ sku: 'MUG-01', requested: 2, available: 1 }], unknownSkus: ['TEE-XL'] };

    await order.emit(events.stockReservationFailed, { orderId, ...refusal });
    const rejected = await order.waitForEvent(orderId, 'shop.order.rejected.v1');
    expect(rejected.data).toEqual({ orderId, customerId, email: 'ada@example.com', reason: 'STOCK_UNAVAILABLE', ...refusal });
    await expect(order.call(requests.get, { orderId })).resolves.toMatchObject({
      ok: true,
      value: { status: 'REJECTED', statusReason: 'not enough stock: MUG-01 (requested 2, available 1); unknown skus: TEE-XL' },
    });
  });

  it('compensates a failed shipment: CONFIRMED → CANCELLED by the system, so the inventory releases the stock', async () => {
    const customerId = uniqueCustomer();
    const orderId = await order.place(customerId);
    await order.emit(events.stockReserved, { orderId, ...PRICING });
    await order.waitForEvent(orderId, 'shop.order.confirmed.v1');

    await order.emit(events.shipmentFailed, { orderId, shipmentId: SHIPMENT.shipmentId, reason: 'address not deliverable' });
    const cancelled = await order.waitForEvent(orderId, 'shop.order.cancelled.v1');
    expect(cancelled.data).toEqual({
      orderId,
      customerId,
      email: 'ada@example.com',
      reason: 'shipment failed: address not deliverable',
      requestedBy: 'system',
      previousStatus: 'CONFIRMED',
    });
    expect(await statusOf(orderId)).toBe('CANCELLED');
  });

  it('ignores stock reserved after the customer cancelled: stays CANCELLED, publishes nothing, warns', async () => {
    const customerId = uniqueCustomer();
    const orderId = await order.place(customerId);
    await expect(order.call(requests.cancel, { orderId, reason: 'changed my mind' })).resolves.toMatchObject({ ok: true });

    const lateId = await order.emit(events.stockReserved, { orderId, ...PRICING });
    await order.waitUntilConsumed(lateId);
    expect(await statusOf(orderId)).toBe('CANCELLED');
    // The one order.cancelled (previousStatus PENDING) is what makes the inventory release this reservation.
    expect(await order.outboxTypes(orderId)).toEqual(['shop.order.placed.v1', 'shop.order.cancelled.v1']);
    await waitFor('the warning', async () => (order.log.includes(lateId) ? true : undefined));
    const warning = JSON.parse(order.log.split('\n').find((line) => line.includes(lateId))!);
    expect(warning).toMatchObject({
      level: 'warn',
      msg: 'event ignored: it does not apply to the order in its current status',
      orderId,
      status: 'CANCELLED',
      settledBy: 'the inventory releases this reservation on order.cancelled',
    });
  });

  it('ignores a parcel dispatched for an order cancelled meanwhile', async () => {
    const customerId = uniqueCustomer();
    const orderId = await order.place(customerId);
    await order.emit(events.stockReserved, { orderId, ...PRICING });
    await order.waitForEvent(orderId, 'shop.order.confirmed.v1');
    await expect(order.call(requests.cancel, { orderId, reason: 'changed my mind' })).resolves.toMatchObject({
      ok: true,
      value: { status: 'CANCELLED' },
    });
    const cancelled = await order.waitForEvent(orderId, 'shop.order.cancelled.v1');
    expect(cancelled.data).toMatchObject({ requestedBy: 'customer', previousStatus: 'CONFIRMED' });

    const dispatchedId = await order.emit(events.shipmentDispatched, { orderId, ...SHIPMENT });
    await order.waitUntilConsumed(dispatchedId);
    expect(await statusOf(orderId)).toBe('CANCELLED');
    expect(await order.outboxTypes(orderId)).toEqual(['shop.order.placed.v1', 'shop.order.confirmed.v1', 'shop.order.cancelled.v1']);
  });

  it('confirms once, whether the event is redelivered or the reservation reported twice', async () => {
    const customerId = uniqueCustomer();
    const orderId = await order.place(customerId);
    const reservedId = await order.emit(events.stockReserved, { orderId, ...PRICING });
    await order.emit(events.stockReserved, { orderId, ...PRICING }, reservedId);
    const secondId = await order.emit(events.stockReserved, { orderId, ...PRICING });

    await order.waitUntilConsumed(secondId);
    expect(await order.outboxTypes(orderId)).toEqual(['shop.order.placed.v1', 'shop.order.confirmed.v1']);
    const row = await order.db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(row).toMatchObject({ status: 'CONFIRMED', version: 1 });
  });

  it('ignores events for orders it does not know and goes on with the next', async () => {
    const unknownId = await order.emit(events.shipmentFailed, {
      orderId: randomUUID(),
      shipmentId: SHIPMENT.shipmentId,
      reason: 'not ours',
    });
    await order.waitUntilConsumed(unknownId);
    expect(order.log).toContain('event for an unknown order ignored');

    const customerId = uniqueCustomer();
    const orderId = await order.place(customerId);
    await order.emit(events.stockReservationFailed, { orderId, shortages: [], unknownSkus: ['NOPE'] });
    await order.waitForEvent(orderId, 'shop.order.rejected.v1');
  });
});
