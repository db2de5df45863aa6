// When to restart an app that exited, and when to give up on it: the native
// run's counterpart of compose's `restart: unless-stopped`, but bounded.

export interface RestartPolicy {
  /** The wait before the first restart; doubles with each crash in a row. */
  initialDelayMs: number;
  maxDelayMs: number;
  /** A run at least this long counts as healthy: the next crash starts the backoff again. */
  stableAfterMs: number;
  /** Give up after this many exits within `crashWindowMs`. */
  maxCrashes: number;
  crashWindowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 15_000,
  stableAfterMs: 30_000,
  maxCrashes: 5,
  crashWindowMs: 120_000,
};

export type RestartDecision =
  | { restart: true; delayMs: number; crashesInWindow: number }
  | { restart: false; crashesInWindow: number };

/** The exits of one app, and what to do after the latest. */
export class CrashHistory {
  private readonly policy: RestartPolicy;
  private readonly exits: number[] = [];
  private inARow = 0;

  constructor(policy: RestartPolicy = DEFAULT_RESTART_POLICY) {
    this.policy = policy;
  }

  /** An exit at `at` (ms) after a run of `ranForMs`: restart after a delay, or give up. */
  exited(at: number, ranForMs: number): RestartDecision {
    const { policy } = this;
    this.exits.push(at);
    while (this.exits.length > 0 && this.exits[0]! <= at - policy.crashWindowMs) this.exits.shift();
    this.inARow = ranForMs >= policy.stableAfterMs ? 1 : this.inARow + 1;
    const crashesInWindow = this.exits.length;
    if (crashesInWindow >= policy.maxCrashes) return { restart: false, crashesInWindow };
    const delayMs = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (this.inARow - 1));
    return { restart: true, delayMs, crashesInWindow };
  }
}
