import { orderStatusSchema } from '../fields/order-status.js';
import { FINAL_ORDER_STATUSES, isFinalOrderStatus, ORDER_STATUS_STAGES, orderStatusSetBy } from './order-status-stages.js';

describe('order status stages', () => {
  it('maps each order event to the status it sets, and no other event', () => {
    expect(['placed', 'confirmed', 'shipped', 'rejected', 'cancelled'].map((name) => orderStatusSetBy(`shop.order.${name}.v1`))).toEqual([
      'PENDING',
      'CONFIRMED',
      'SHIPPED',
      'REJECTED',
      'CANCELLED',
    ]);
    expect(orderStatusSetBy('shop.inventory.stock-reserved.v1')).toBeUndefined();
  });

  it('stages every status, the final ones last and alike', () => {
    expect(Object.keys(ORDER_STATUS_STAGES).sort()).toEqual([...orderStatusSchema.options].sort());
    expect(orderStatusSchema.options.filter(isFinalOrderStatus)).toEqual([...FINAL_ORDER_STATUSES]);
    expect(ORDER_STATUS_STAGES.PENDING).toBeLessThan(ORDER_STATUS_STAGES.CONFIRMED);
  });
});
