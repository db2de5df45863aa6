import { ALL_TOPICS, deadLetterTopic, Topics } from './topics.js';

describe('topics', () => {
  it('names every topic after its producing service', () => {
    for (const topic of ALL_TOPICS) {
      expect(topic).toMatch(/^shop\.[a-z]+\.events$/);
    }
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
  });

  it('puts dead letters in a topic per source topic and consumer group', () => {
    expect(deadLetterTopic(Topics.orderEvents, 'inventory')).toBe('shop.order.events.dlq.inventory');
  });
});
