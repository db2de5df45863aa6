// What an order costs underneath (Kafka messages, PostgreSQL commits), from
// counts taken around a run and the same counted with no order coming: the
// shop writes and commits in the background too (relays, the load
// generator's catalog reads), and at a low rate that would otherwise pass for
// the orders' own cost.

export interface CountedRun {
  /** Counted from before the run until it settled, over `seconds`. */
  count: number;
  seconds: number;
  /** Counted with no order coming, over `idleSeconds`. */
  idleCount: number;
  idleSeconds: number;
  orders: number;
}

export interface OrderCost {
  /** All that was counted, per order. */
  grossPerOrder: number | undefined;
  /** The background, per second. */
  backgroundPerSecond: number;
  /** Per order, the background over the run's time taken out (never below 0). */
  perOrder: number | undefined;
}

export function orderCost({ count, seconds, idleCount, idleSeconds, orders }: CountedRun): OrderCost {
  const backgroundPerSecond = idleSeconds > 0 ? idleCount / idleSeconds : 0;
  if (orders <= 0) return { grossPerOrder: undefined, backgroundPerSecond, perOrder: undefined };
  return { grossPerOrder: count / orders, backgroundPerSecond, perOrder: Math.max(0, count - backgroundPerSecond * seconds) / orders };
}

/** The share of a measured limit (per second) the shop uses at `rate` orders/s: its background plus each order's cost. */
export function shareAt(rate: number, cost: OrderCost, limitPerSecond: number | undefined): number | undefined {
  if (cost.perOrder === undefined || !limitPerSecond) return undefined;
  return (cost.backgroundPerSecond + rate * cost.perOrder) / limitPerSecond;
}

/** What the shop uses per second at `rate` orders/s. */
export const usedAt = (rate: number, cost: OrderCost): number | undefined => (cost.perOrder === undefined ? undefined : cost.backgroundPerSecond + rate * cost.perOrder);
