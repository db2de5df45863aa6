import { EVENT_TOPICS, REQUEST_PATTERNS, Topics } from '@shop/event-contracts';
import { shopKafkaRoles } from './kafka-roles.js';

describe('shopKafkaRoles', () => {
  const events = [
    { topic: Topics.orderEvents, consumers: ['email', 'fraud-detection'] },
    { topic: Topics.orderEvents, consumers: ['fraud-detection'] },
    { topic: Topics.shippingEvents, consumers: ['email'] },
  ];

  it('gives each app the topics of the events it handles, once each', () => {
    const roles = shopKafkaRoles([{ name: 'fraud-detection', edge: false }, { name: 'email', edge: false }], events);
    expect(roles).toEqual([
      { name: 'fraud-detection', consumes: [Topics.orderEvents], calls: [], follows: [], operatesDeadLetters: [] },
      { name: 'email', consumes: [Topics.orderEvents, Topics.shippingEvents], calls: [], follows: [], operatesDeadLetters: [] },
    ]);
  });

  it("has the edge call every request, follow every event topic and operate every group's dead letters", () => {
    const [gateway] = shopKafkaRoles([{ name: 'gateway', edge: true }], events);
    expect(gateway).toEqual({
      name: 'gateway',
      consumes: [],
      calls: REQUEST_PATTERNS,
      follows: EVENT_TOPICS,
      operatesDeadLetters: [
        { topic: Topics.orderEvents, group: 'email' },
        { topic: Topics.orderEvents, group: 'fraud-detection' },
        { topic: Topics.orderEvents, group: 'fraud-detection' },
        { topic: Topics.shippingEvents, group: 'email' },
      ],
    });
  });
});
