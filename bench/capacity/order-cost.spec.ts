import { orderCost, shareAt, usedAt } from './order-cost.ts';

describe('orderCost', () => {
  it('takes the background over the run\'s time out of the count before dividing by the orders', () => {
    // 40 s counted, 2,600 commits; idle 65/s; 20 orders: 2,600 - 2,600 = 0 left, then 1,000 more for the orders.
    const cost = orderCost({ count: 3_600, seconds: 40, idleCount: 715, idleSeconds: 11, orders: 20 });
    expect(cost.backgroundPerSecond).toBe(65);
    expect(cost.grossPerOrder).toBe(180);
    expect(cost.perOrder).toBe(50);
  });

  it('never gives a negative cost (a background busier while idle than during the run)', () => {
    expect(orderCost({ count: 100, seconds: 10, idleCount: 200, idleSeconds: 10, orders: 5 }).perOrder).toBe(0);
  });

  it('gives no per-order figure without orders', () => {
    expect(orderCost({ count: 100, seconds: 10, idleCount: 0, idleSeconds: 10, orders: 0 })).toEqual({ grossPerOrder: undefined, backgroundPerSecond: 0, perOrder: undefined });
  });
});

describe('shareAt', () => {
  const cost = { grossPerOrder: 20, backgroundPerSecond: 10, perOrder: 12 };

  it('is the background plus rate × per-order cost over the limit', () => {
    expect(usedAt(5, cost)).toBe(70);
    expect(shareAt(5, cost, 1_400)).toBe(0.05);
  });

  it('has no figure without a limit or a cost', () => {
    expect(shareAt(5, cost, undefined)).toBeUndefined();
    expect(shareAt(5, { ...cost, perOrder: undefined }, 1_000)).toBeUndefined();
  });
});
