// What a run counts: the requests and their answers, the decisions read from
// the order topic, and their latencies, for the whole run and for the last
// window (the progress line's second).
import { type LatencyFigures, Latencies } from './latency.ts';

export type Decision = 'confirmed' | 'rejected' | 'cancelled';

/**
 * What went wrong besides a POST's non-202 status: `network` (no answer),
 * `dropped` (never sent: the in-flight bound), `cancel <status|network>` (a
 * cancel refused by the limiter or failed).
 */
export type Failure = 'network' | 'dropped' | `cancel ${string}`;

export interface LoadFigures {
  sent: number;
  accepted: number;
  decided: Record<Decision, number>;
  failures: Record<string, number>;
  post: LatencyFigures;
  placedToDecided: LatencyFigures;
  /** From the moment the client's POST was due to the deciding event's ce_time: what a customer waits. */
  dueToDecided: LatencyFigures;
}

class Tally {
  sent = 0;
  accepted = 0;
  decided: Record<Decision, number> = { confirmed: 0, rejected: 0, cancelled: 0 };
  failures: Record<string, number> = {};
  readonly post = new Latencies();
  readonly placedToDecided = new Latencies();
  readonly dueToDecided = new Latencies();

  figures(): LoadFigures {
    return {
      sent: this.sent,
      accepted: this.accepted,
      decided: { ...this.decided },
      failures: { ...this.failures },
      post: this.post.figures(),
      placedToDecided: this.placedToDecided.figures(),
      dueToDecided: this.dueToDecided.figures(),
    };
  }
}

export class LoadStats {
  private total = new Tally();
  private window = new Tally();

  /** A POST answered (or not): its status and how long since it was due, ms. */
  answered(status: number, ms: number): void {
    for (const tally of [this.total, this.window]) {
      tally.sent++;
      tally.post.record(ms);
      if (status === 202) tally.accepted++;
      else tally.failures[String(status)] = (tally.failures[String(status)] ?? 0) + 1;
    }
  }

  /** A request that failed without an answer, was never sent, or a cancel that failed. */
  failed(failure: Failure): void {
    for (const tally of [this.total, this.window]) {
      if (failure === 'network') tally.sent++;
      tally.failures[failure] = (tally.failures[failure] ?? 0) + 1;
    }
  }

  decided(decision: Decision, placedToDecidedMs: number, dueToDecidedMs: number): void {
    for (const tally of [this.total, this.window]) {
      tally.decided[decision]++;
      tally.placedToDecided.record(placedToDecidedMs);
      tally.dueToDecided.record(dueToDecidedMs);
    }
  }

  figures(): LoadFigures {
    return this.total.figures();
  }

  /** The window's figures, and a new window. */
  takeWindow(): LoadFigures {
    const figures = this.window.figures();
    this.window = new Tally();
    return figures;
  }
}

export const decidedCount = (figures: Pick<LoadFigures, 'decided'>): number =>
  figures.decided.confirmed + figures.decided.rejected + figures.decided.cancelled;

export const failureCount = (figures: Pick<LoadFigures, 'failures'>): number => Object.values(figures.failures).reduce((sum, count) => sum + count, 0);

/** `429 3, 503 1, network 2`, statuses first, or `none`. */
export function formatFailures(failures: Record<string, number>): string {
  const entries = Object.entries(failures).filter(([, count]) => count > 0);
  entries.sort(([a], [b]) => (Number.isNaN(Number(a)) ? 1 : 0) - (Number.isNaN(Number(b)) ? 1 : 0) || a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([failure, count]) => `${failure} ${count}`).join(', ');
}
