import { ALL_TOPICS, deadLetterTopic, EVENT_TOPICS, Topics } from './topics.js';
import { REQUEST_TOPICS } from './requests/request-patterns.js';

describe('topics', () => {
  it('names every event topic after its producing service', () => {
    for (const topic of EVENT_TOPICS) {
      expect(topic).toMatch(/^shop\.[a-z]+\.events$/);
    }
  });

  it('lists every topic the system uses once: event topics, request topics and their reply topics', () => {
    expect([...ALL_TOPICS].sort()).toEqual([...EVENT_TOPICS, ...REQUEST_TOPICS].sort());
    expect(ALL_TOPICS).toEqual(expect.arrayContaining(['shop.order.events', 'shop.order.place', 'shop.order.place.reply']));
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
  });

  it('puts dead letters in a topic per source topic and consumer group', () => {
    expect(deadLetterTopic(Topics.orderEvents, 'inventory')).toBe('shop.order.events.dlq.inventory');
  });
});
