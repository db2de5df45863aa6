import type { RecordedEvent } from './recorded-event.js';
import { decidingOrderEvent } from './order-status.js';

const event = (type: string, second: number, eventId = `id-${type}-${second}`): RecordedEvent => ({
  eventId,
  type,
  occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, second)),
  data: {},
});

describe('order status derivation', () => {
  it('follows the state machine, not the clock: a later-stamped earlier stage does not win', () => {
    const confirmed = event('shop.order.confirmed.v1', 1);
    const placedSameOrLater = event('shop.order.placed.v1', 1);
    expect(decidingOrderEvent([confirmed, placedSameOrLater])).toBe(confirmed);
    expect(decidingOrderEvent([event('shop.order.placed.v1', 9), confirmed])).toBe(confirmed);
  });

  it('breaks ties between final states by ce_time, then by ce_id, whatever the arrival order', () => {
    const cancelled = event('shop.order.cancelled.v1', 5);
    const shipped = event('shop.order.shipped.v1', 4);
    expect(decidingOrderEvent([cancelled, shipped])).toBe(cancelled);
    expect(decidingOrderEvent([shipped, cancelled])).toBe(cancelled);
    const a = event('shop.order.rejected.v1', 5, 'a');
    const b = event('shop.order.cancelled.v1', 5, 'b');
    expect(decidingOrderEvent([a, b])).toBe(b);
    expect(decidingOrderEvent([b, a])).toBe(b);
  });

  it('ignores the events of other services', () => {
    expect(decidingOrderEvent([event('shop.shipping.shipment-dispatched.v1', 1)])).toBeUndefined();
  });
});
