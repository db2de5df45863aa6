export interface PollingLoopOptions {
  /** Pause between rounds that found nothing more to do. */
  intervalMs: number;
  /** One round of work; true when more may be waiting, to run again at once. */
  tick: () => Promise<boolean>;
  /** A failed round is reported, then the loop carries on after the interval. */
  onError: (error: unknown) => void;
}

/**
 * Runs `tick` again and again, never two at a time: at once while it reports
 * more work, otherwise after the interval. stop() lets the round in progress
 * finish and starts no other.
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private round?: Promise<void>;
  private stopped = true;

  constructor(private readonly options: PollingLoopOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound();
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    let more = false;
    try {
      more = await this.options.tick();
    } catch (error) {
      this.options.onError(error);
    }
    this.schedule(more ? 0 : this.options.intervalMs);
  }
}
