import { Requests } from '@shop/event-contracts';
import { anOrder, pricing, shipment } from '../testing/order-fixtures.js';
import { toOrderView } from './order-view.mapper.js';

const isValidReply = (value: unknown) => Requests.getOrder.parseReply({ ok: true, value }).success;

describe('toOrderView', () => {
  it('shows a PENDING order without the parts the saga has not reached', () => {
    const order = anOrder({ updatedAt: new Date('2026-11-23T10:00:05.000Z') });
    const view = toOrderView(order);
    expect(view).toEqual({
      orderId: order.id,
      customerId: order.customerId,
      email: order.email,
      status: 'PENDING',
      items: order.items,
      shippingAddress: order.shippingAddress,
      placedAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:05.000Z',
    });
    expect(isValidReply(view)).toBe(true);
  });

  it('adds pricing and shipment once known', () => {
    const view = toOrderView(anOrder({ status: 'SHIPPED', pricing, shipment, version: 2 }));
    expect(view).toMatchObject({ status: 'SHIPPED', pricing, shipment });
    expect(view).not.toHaveProperty('statusReason');
    expect(isValidReply(view)).toBe(true);
  });

  it('says why an order was rejected or cancelled', () => {
    const view = toOrderView(anOrder({ status: 'CANCELLED', statusReason: 'changed my mind' }));
    expect(view).toMatchObject({ status: 'CANCELLED', statusReason: 'changed my mind' });
    expect(isValidReply(view)).toBe(true);
  });
});
