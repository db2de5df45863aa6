import { messagesPerTopic, remainingMessages } from './consumption-progress.js';

describe('rebuild progress', () => {
  const ranges = [
    { topic: 'shop.order.events', partition: 0, low: 0, high: 10 },
    { topic: 'shop.order.events', partition: 1, low: 4, high: 4 },
    { topic: 'shop.email.events', partition: 0, low: 3, high: 5 },
  ];

  it('counts what is left up to the end offsets taken at the start, a partition without commits from its low mark', () => {
    expect(remainingMessages(ranges, () => undefined)).toBe(12);
    expect(remainingMessages(ranges, () => -1)).toBe(12);
    const committed = new Map([['shop.order.events/0', 7], ['shop.email.events/0', 5]]);
    expect(remainingMessages(ranges, (topic, partition) => committed.get(`${topic}/${partition}`))).toBe(3);
  });

  it('is caught up once every partition is committed up to its end, or beyond', () => {
    expect(remainingMessages(ranges, (topic) => (topic === 'shop.order.events' ? 12 : 5))).toBe(0);
  });

  it('counts the messages per topic', () => {
    expect(messagesPerTopic(ranges)).toEqual({ 'shop.order.events': 10, 'shop.email.events': 2 });
  });
});
