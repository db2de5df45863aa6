import { Requests } from '@shop/event-contracts';
import { gatewayRequests } from './gateway-requests.js';

describe('gatewayRequests', () => {
  it('uses the real patterns without a prefix', () => {
    const requests = gatewayRequests('');
    expect(Object.keys(requests)).toEqual(Object.keys(Requests));
    expect(requests.placeOrder.pattern).toBe('shop.order.place');
    expect(requests.placeOrder.replyTopic).toBe('shop.order.place.reply');
  });

  it('prefixes both topics of every call and keeps its schemas', () => {
    const requests = gatewayRequests('it.x1.');
    expect(Object.values(requests).map((r) => [r.pattern, r.replyTopic])).toEqual(
      Object.values(Requests).map((r) => [`it.x1.${r.pattern}`, `it.x1.${r.pattern}.reply`]),
    );
    expect(requests.getOrder.parseRequest({ orderId: 'nope' })).toMatchObject({ success: false, error: expect.stringMatching(/^orderId: /) });
  });
});
