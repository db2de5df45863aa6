import { ALL_EVENTS, eventExample } from '@shop/event-contracts';
import { timelineFiling } from './timeline-filing.js';

describe('timelineFiling', () => {
  it('files an order’s events under the order and a restock under its product', () => {
    expect(timelineFiling('orderId', { orderId: 'o-1', customerId: 'c-1' })).toEqual({ orderId: 'o-1', sku: null });
    expect(timelineFiling('sku', { sku: 'MUG-01' })).toEqual({ orderId: null, sku: 'MUG-01' });
  });

  it('files the example of every event type of the contracts, each under one thing', () => {
    for (const contract of ALL_EVENTS) {
      const filing = timelineFiling(contract.keyField, eventExample(contract.type));
      expect([contract.type, Object.values(filing).filter((value) => value !== null)]).toEqual([contract.type, [contract.key(eventExample(contract.type) as never)]]);
    }
  });

  it('refuses data without the field its contract keys it by, rather than filing it nowhere', () => {
    expect(() => timelineFiling('sku', { orderId: 'o-1' })).toThrow("the event's data has no sku, the field its contract keys it by");
  });
});
