import { abortableDelay, type Backoff, backoffDelay } from './backoff.js';
import { RECONNECT_BACKOFF, type RetryFailureListener, retryUntil } from './retry-until.js';

export interface RestarterOptions {
  /** Ends the runs (the owner is shutting down): a run under way stops retrying, none starts again. */
  signal: AbortSignal;
  onFailure?: RetryFailureListener;
  backoff?: Backoff;
}

/**
 * Builds a Kafka consumer again (connect, subscribe, run) when its owner asks:
 * retrying until it succeeds, one run at a time, and never forgetting an ask.
 *
 * kafkajs reports a consumer that cannot join its group (refused by an ACL
 * not yet in force on that broker, say) from inside `consumer.run()`: the
 * crash arrives, and asks for a new consumer, while the run that built it is
 * still under way. An ask during a run therefore makes the run happen once
 * more after it, after a backoff as if the run had failed; dropping it would
 * leave the consumer stopped for good, with `/health` saying so.
 */
export class Restarter {
  private busy = false;
  private askedAgain = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly work: () => Promise<void>,
    private readonly options: RestarterOptions,
  ) {}

  /** Runs the work now, or once more after the run under way. */
  request(): void {
    if (this.options.signal.aborted) return;
    if (this.busy) {
      this.askedAgain = true;
      return;
    }
    this.busy = true;
    this.running = this.runWhileAsked();
  }

  /** Resolves once no run is under way: at once when none is. */
  settled(): Promise<void> {
    return this.running;
  }

  private async runWhileAsked(): Promise<void> {
    const { signal, backoff = RECONNECT_BACKOFF } = this.options;
    try {
      for (let round = 1; ; round++) {
        this.askedAgain = false;
        await retryUntil(this.work, this.options);
        // Checked and cleared in one step with `busy` (finally): an ask cannot fall between them.
        if (!this.askedAgain || signal.aborted) return;
        await abortableDelay(backoffDelay(round, backoff), signal);
        if (signal.aborted) return;
      }
    } finally {
      this.busy = false;
    }
  }
}
