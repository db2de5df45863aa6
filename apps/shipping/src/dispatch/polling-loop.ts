/** What a round did and found: pieces of work settled, more waiting now, or when the next known piece of work is due. */
export interface RoundResult {
  /** Pieces of work the round settled: as many of the earliest wake-ups due are answered, their grace is over. */
  settled: number;
  /** More work is waiting now: the next round runs at once. */
  more: boolean;
  /** Asked for only when the loop has nothing else to go by (no wake-up pending). */
  nextDueAt?: Date;
}

export interface PollingLoopOptions {
  /** Pause between rounds from a wake-up's time until its grace has passed, and after a failed round. */
  intervalMs: number;
  /** Longest pause when no work is known to be coming: the safety net for work this process was not told of. */
  idleIntervalMs: number;
  /** How long rounds keep coming after a wake-up's time: the work's transaction may commit after it is due. */
  graceMs: number;
  /**
   * A round a wake-up brings starts at least this long after the last round that settled work,
   * so the work coming due meanwhile is taken in one round (a round that reports more still runs
   * at once). Default 0: each wake-up at its time.
   */
  gatherMs?: number;
  /** One round of work; `wantsNextDue` when the loop would like to know when the next work is due. */
  tick: (wantsNextDue: boolean) => Promise<RoundResult>;
  /** A failed round is reported, then the loop carries on after the interval. */
  onError: (error: unknown) => void;
}

/**
 * Runs `tick` again and again, never two at a time: at once while it reports
 * more work; every `intervalMs` from a time `wakeAt` was told of until a round
 * settles the work it announced or its grace has passed; otherwise at the next
 * due time a round reported, at most `idleIntervalMs` later. So an idle loop
 * costs a round every `idleIntervalMs`, not every `intervalMs`, and announced
 * work that was there when due costs one round. With `gatherMs`, work coming
 * due soon after a round that settled some waits for the end of that window
 * and is taken together. stop() lets the round in progress finish and starts
 * no other.
 */
export class PollingLoop {
  private timer?: NodeJS.Timeout;
  private nextRoundAt = Infinity;
  private round?: Promise<void>;
  private running = false;
  private stopped = true;
  /** Times work was announced for, kept until their grace has passed. */
  private wakes: number[] = [];
  /** When the last round that settled work started: rounds a wake-up brings wait for gatherMs after it. */
  private lastSettledAt = -Infinity;

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

  /** Work becomes due at `at`: a round runs then, and every interval after it for the grace. */
  wakeAt(at: Date): void {
    const time = at.getTime();
    this.wakes.push(time);
    // A round in progress takes it into account when it schedules the next.
    const roundAt = Math.max(time, this.gatheringUntil());
    if (!this.running && roundAt < this.nextRoundAt) this.schedule(Math.max(0, roundAt - Date.now()));
  }

  private gatheringUntil(): number {
    return this.lastSettledAt + (this.options.gatherMs ?? 0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.nextRoundAt = Date.now() + delayMs;
    this.timer = setTimeout(() => {
      // Node counts a timer from the event loop's clock, which can lag behind Date.now() by a few
      // milliseconds: a round due at a time (work due then) must not start before it and miss the work.
      const early = this.nextRoundAt - Date.now();
      if (early > 0) return this.schedule(early);
      this.nextRoundAt = Infinity;
      this.running = true;
      this.round = this.runRound();
    }, delayMs);
  }

  private async runRound(): Promise<void> {
    const { intervalMs, idleIntervalMs, graceMs } = this.options;
    const started = Date.now();
    this.wakes = this.wakes.filter((at) => at + graceMs > started);
    let result: RoundResult = { settled: 0, more: false };
    let failed = false;
    try {
      result = await this.options.tick(this.wakes.length === 0);
    } catch (error) {
      this.options.onError(error);
      failed = true;
    }
    this.running = false;
    if (result.settled > 0) {
      this.lastSettledAt = started;
      this.answerEarliestWakes(started, result.settled);
    }
    if (result.more) return this.schedule(0);
    const now = Date.now();
    const watching = failed || this.wakes.some((at) => at <= now && at + graceMs > now);
    let delay = watching ? intervalMs : idleIntervalMs;
    const coming = this.wakes.filter((at) => at > now);
    if (coming.length > 0) delay = Math.min(delay, Math.min(...coming) - now);
    // Due but not taken (another instance holds it): not before the interval.
    if (result.nextDueAt) delay = Math.min(delay, Math.max(intervalMs, result.nextDueAt.getTime() - now));
    this.schedule(Math.max(delay, this.gatheringUntil() - now));
  }

  /**
   * The work of `count` wake-ups due by `roundStart` is done: no more rounds for
   * their grace. Which wake-ups' work a round settled is not known (another
   * instance may have taken this one's and this one another's), so it answers
   * the earliest; a wake-up answered by work that was not its own leaves its
   * work to a later round, at most `idleIntervalMs` away.
   */
  private answerEarliestWakes(roundStart: number, count: number): void {
    const answered = this.wakes
      .filter((at) => at <= roundStart)
      .sort((a, b) => a - b)
      .slice(0, count);
    for (const at of answered) this.wakes.splice(this.wakes.indexOf(at), 1);
  }
}
