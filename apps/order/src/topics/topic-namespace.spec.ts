import { Events, Requests } from '@shop/event-contracts';
import { namespacedEvent, namespacedRequest, topicNamespace } from './topic-namespace.js';

describe('topic namespace', () => {
  it('is empty unless SHOP_TOPIC_NAMESPACE says otherwise', () => {
    expect(topicNamespace({})).toBe('');
    expect(topicNamespace({ SHOP_TOPIC_NAMESPACE: 'it-1.' })).toBe('it-1.');
  });

  it('leaves the contracts untouched without a namespace', () => {
    expect(namespacedEvent(Events.stockReservedV1, '')).toBe(Events.stockReservedV1);
    expect(namespacedRequest(Requests.placeOrder, '')).toBe(Requests.placeOrder);
  });

  it('prefixes an event topic and keeps type, key and validation', () => {
    const contract = namespacedEvent(Events.stockReservedV1, 'it-1.');
    expect(contract).toMatchObject({ topic: 'it-1.shop.inventory.events', type: 'shop.inventory.stock-reserved.v1' });
    expect(contract.key({ orderId: 'o-1' } as never)).toBe('o-1');
    expect(contract.parse({}).success).toBe(false);
  });

  it('prefixes a request pattern and its reply topic alike', () => {
    expect(namespacedRequest(Requests.cancelOrder, 'it-1.')).toMatchObject({
      pattern: 'it-1.shop.order.cancel',
      replyTopic: 'it-1.shop.order.cancel.reply',
    });
  });
});
