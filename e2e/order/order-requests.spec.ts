import { OrderServiceUnderTest, aPlaceRequest, uniqueCustomer } from './support/order-service-under-test.js';

describe('order service requests over Kafka (built app as a process, scratch database, topics of its own)', () => {
  const order = new OrderServiceUnderTest(3150);
  const { requests } = order.topics;

  beforeAll(() => order.start(), 90_000);
  afterAll(() => order.stop(), 60_000);

  it('places a PENDING order, publishes order.placed, and shows it on get', async () => {
    const customerId = uniqueCustomer();
    const request = aPlaceRequest(customerId);
    const reply = await order.call(requests.place, request);
    expect(reply).toEqual({ ok: true, value: { orderId: expect.any(String), status: 'PENDING' } });
    const orderId = reply.ok ? reply.value.orderId : '';

    const placed = await order.waitForEvent(orderId, 'shop.order.placed.v1');
    expect(placed.data).toEqual({
      orderId,
      customerId,
      email: request.email,
      items: request.items,
      shippingAddress: request.shippingAddress,
    });
    expect(placed.headers).toMatchObject({ ce_subject: orderId, ce_source: `/shop/${order.serviceName}` });

    const view = await order.call(requests.get, { orderId });
    expect(view).toEqual({
      ok: true,
      value: {
        orderId,
        customerId,
        email: request.email,
        status: 'PENDING',
        items: request.items,
        shippingAddress: request.shippingAddress,
        placedAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
  });

  it('answers a repeated place (same customer, same key) with the first order, and places it once', async () => {
    const customerId = uniqueCustomer();
    const request = aPlaceRequest(customerId);
    const first = await order.place(customerId, request);
    const again = await order.place(customerId, { ...request, items: [{ sku: 'OTHER', quantity: 9 }] });
    expect(again).toBe(first);

    // Another key is another order, even for the same customer.
    const second = await order.place(customerId, { idempotencyKey: `${request.idempotencyKey}-2` });
    expect(second).not.toBe(first);

    expect(await order.db.order.count({ where: { customerId } })).toBe(2);
    expect(await order.outboxTypes(first)).toEqual(['shop.order.placed.v1']);
  });

  it('places one order for concurrent duplicates, every reply naming it', async () => {
    const customerId = uniqueCustomer();
    const request = aPlaceRequest(customerId);
    const replies = await Promise.all(Array.from({ length: 8 }, () => order.call(requests.place, request)));
    const ids = new Set(replies.map((reply) => (reply.ok ? reply.value.orderId : JSON.stringify(reply.error))));
    expect(ids.size).toBe(1);
    const [orderId] = [...ids];
    expect(await order.db.order.count({ where: { customerId } })).toBe(1);
    expect(await order.outboxTypes(orderId!)).toEqual(['shop.order.placed.v1']);
  });

  it('answers NOT_FOUND for an unknown order, on get and on cancel', async () => {
    const orderId = '00000000-0000-4000-8000-000000000000';
    await expect(order.call(requests.get, { orderId })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `no order ${orderId}` },
    });
    await expect(order.call(requests.cancel, { orderId, reason: 'whatever' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: `no order ${orderId}` },
    });
  });

  it('cancels a PENDING order for the customer, then refuses a second cancel with CONFLICT', async () => {
    const customerId = uniqueCustomer();
    const request = aPlaceRequest(customerId);
    const orderId = await order.place(customerId, request);

    await expect(order.call(requests.cancel, { orderId, reason: 'changed my mind' })).resolves.toEqual({
      ok: true,
      value: { orderId, status: 'CANCELLED' },
    });
    const cancelled = await order.waitForEvent(orderId, 'shop.order.cancelled.v1');
    expect(cancelled.data).toEqual({
      orderId,
      customerId,
      email: request.email,
      reason: 'changed my mind',
      requestedBy: 'customer',
      previousStatus: 'PENDING',
    });
    await expect(order.call(requests.get, { orderId })).resolves.toMatchObject({
      ok: true,
      value: { status: 'CANCELLED', statusReason: 'changed my mind' },
    });

    await expect(order.call(requests.cancel, { orderId, reason: 'again' })).resolves.toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: `order ${orderId} is CANCELLED: only PENDING or CONFIRMED orders can be cancelled` },
    });
    // The same idempotency key still names that order, as it is now.
    await expect(order.call(requests.place, request)).resolves.toEqual({ ok: true, value: { orderId, status: 'CANCELLED' } });
    expect(await order.outboxTypes(orderId)).toEqual(['shop.order.placed.v1', 'shop.order.cancelled.v1']);
  });
});
