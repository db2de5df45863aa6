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
      { name: 'fraud-detection', consumes: [Topics.orderEvents], calls: [], follows: [] },
      { name: 'email', consumes: [Topics.orderEvents, Topics.shippingEvents], calls: [], follows: [] },
    ]);
  });

  it('has the edge call every request and follow every event topic', () => {
    const [gateway] = shopKafkaRoles([{ name: 'gateway', edge: true }], events);
    expect(gateway).toEqual({ name: 'gateway', consumes: [], calls: REQUEST_PATTERNS, follows: EVENT_TOPICS });
  });
});
