import { Events } from '@shop/event-contracts';
import { anOrder, pricing, shipment } from '../testing/order-fixtures.js';
import {
  orderCancelledData,
  orderConfirmedData,
  orderPlacedData,
  orderRejectedData,
  orderShippedData,
} from './order-event-data.js';

describe('order event data', () => {
  const order = anOrder();
  const party = { orderId: order.id, customerId: order.customerId, email: order.email };

  it('placed: what was ordered and where to, unpriced', () => {
    const data = orderPlacedData(order);
    expect(data).toEqual({ ...party, items: order.items, shippingAddress: order.shippingAddress });
    expect(Events.orderPlacedV1.parse(data)).toMatchObject({ success: true });
  });

  it('confirmed: the inventory pricing and the address', () => {
    const data = orderConfirmedData(order, pricing);
    expect(data).toEqual({ ...party, ...pricing, shippingAddress: order.shippingAddress });
    expect(Events.orderConfirmedV1.parse(data)).toMatchObject({ success: true });
  });

  it('rejected: every shortage and unknown sku', () => {
    const refusal = { shortages: [{ sku: 'MUG-01', requested: 2, available: 1 }], unknownSkus: ['NOPE'] };
    const data = orderRejectedData(order, refusal);
    expect(data).toEqual({ ...party, reason: 'STOCK_UNAVAILABLE', ...refusal });
    expect(Events.orderRejectedV1.parse(data)).toMatchObject({ success: true });
  });

  it('cancelled: who asked, why, and from where', () => {
    const cancellation = { reason: 'shipment failed: no carrier', requestedBy: 'system', previousStatus: 'CONFIRMED' } as const;
    const data = orderCancelledData(order, cancellation);
    expect(data).toEqual({ ...party, ...cancellation });
    expect(Events.orderCancelledV1.parse(data)).toMatchObject({ success: true });
  });

  it('shipped: the parcel and the address', () => {
    const data = orderShippedData(order, shipment);
    expect(data).toEqual({ ...party, ...shipment, shippingAddress: order.shippingAddress });
    expect(Events.orderShippedV1.parse(data)).toMatchObject({ success: true });
  });

  it('shipped without a tracking url leaves it out', () => {
    const { trackingUrl: _dropped, ...withoutUrl } = shipment;
    const data = orderShippedData(order, withoutUrl);
    expect(data).not.toHaveProperty('trackingUrl');
    expect(Events.orderShippedV1.parse(data)).toMatchObject({ success: true });
  });
});
