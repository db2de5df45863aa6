import { Events, Requests } from '@shop/event-contracts';
import { z } from 'zod';
import { loadConfig } from './service-config.js';
import { namespacedEvent, namespacedRequest, topicNamespaceSchema } from './topic-namespace.js';

const schema = z.object({ SHOP_TOPIC_NAMESPACE: topicNamespaceSchema });
const topicNamespace = (env: Record<string, string>) => loadConfig(schema, env).SHOP_TOPIC_NAMESPACE;

describe('topic namespace', () => {
  it('is empty unless SHOP_TOPIC_NAMESPACE says otherwise', () => {
    expect(topicNamespace({})).toBe('');
    expect(topicNamespace({ SHOP_TOPIC_NAMESPACE: 'it-1.' })).toBe('it-1.');
  });

  it('refuses a namespace that would not make valid topic names', () => {
    expect(() => topicNamespace({ SHOP_TOPIC_NAMESPACE: 'no-dot' })).toThrow(/dot-terminated/);
    expect(() => topicNamespace({ SHOP_TOPIC_NAMESPACE: 'a b.' })).toThrow(/dot-terminated/);
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
