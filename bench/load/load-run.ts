// One run at one rate: the open loop placing orders from the mix, each 202
// registered with the decision watcher (and cancelled right away when the mix
// says so), a progress line every second, and the figures at the end.
import { runOpenLoop } from './open-loop.ts';
import { LoadStats } from './load-stats.ts';
import { type OrderMix, planOrder } from './order-mix.ts';
import type { OrderDecisions } from './order-decisions.ts';
import type { OrderTopicLag } from './order-topic-lag.ts';
import { formatProgress, progressWriter } from './progress-line.ts';
import type { ShopApi } from './shop-api.ts';
import type { LimitsSeen } from './summary-table.ts';

export interface LoadRunSettings {
  rate: number;
  durationS: number;
  maxInFlight: number;
  /** After the last request, how long to wait for the decisions still to come. */
  settleMs: number;
}

export interface LoadRunParts {
  api: ShopApi;
  mix: OrderMix;
  decisions: OrderDecisions;
  lag: OrderTopicLag;
  stats: LoadStats;
  limits: LimitsSeen;
}

/** Runs the load; the figures are in `parts.stats`. Returns the orders left undecided. */
export async function loadRun({ rate, durationS, maxInFlight, settleMs }: LoadRunSettings, parts: LoadRunParts): Promise<number> {
  const { api, mix, decisions, lag, stats, limits } = parts;
  const progress = progressWriter();
  const started = performance.now();
  let lastTick = started;
  const tick = setInterval(async () => {
    const now = performance.now();
    const window = stats.takeWindow();
    const windowS = (now - lastTick) / 1_000;
    lastTick = now;
    const lagNow = await lag.read().catch(() => undefined);
    progress.line(formatProgress({ elapsedS: (now - started) / 1_000, window, windowS, total: stats.figures(), lag: lagNow }));
  }, 1_000);

  const placeOne = async (dueAt: number) => {
    const order = planOrder(mix);
    let answer;
    try {
      answer = await api.placeOrder(order);
    } catch {
      stats.failed('network');
      return;
    }
    stats.answered(answer.status, performance.now() - dueAt);
    limits.writes = answer.headers.get('ratelimit-limit') ?? limits.writes;
    if (answer.status !== 202) return;
    decisions.placedByTheRun(answer.body.orderId, performance.timeOrigin + dueAt);
    if (order.cancel) {
      // A refusal because the order was decided first is the race a customer can lose too: not an error of the shop.
      const cancelled = await api.cancelOrder(order.customerId, answer.body.orderId).catch(() => undefined);
      if (cancelled === undefined) stats.failed('cancel network');
      else if (cancelled.status >= 500 || cancelled.status === 429) stats.failed(`cancel ${cancelled.status}`);
    }
  };

  try {
    await runOpenLoop({ ratePerSecond: rate, durationMs: durationS * 1_000, maxInFlight, send: placeOne, onDropped: () => stats.failed('dropped') });
    const deadline = Date.now() + settleMs;
    while (decisions.undecided() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return decisions.undecided();
  } finally {
    clearInterval(tick);
    progress.done();
  }
}
