/** Thrown by a health check: the part is down, with details `/health` shows beside the error. */
export class Unhealthy extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/**
 * Whether a part the runtime owns (a connection, a consumer, the relay) works,
 * and if not since when and why: what `/health` reports for it. `begin` keeps
 * the first failure's time and the latest error; `end` says whether it was down.
 */
export class Outage {
  private since?: number;
  private cause = '';

  constructor(private readonly now: () => number = Date.now) {}

  get active(): boolean {
    return this.since !== undefined;
  }

  begin(error: unknown): void {
    this.since ??= this.now();
    this.cause = error instanceof Error ? error.message : String(error);
  }

  /** Back up; true if it was down (so the caller can log the recovery once). */
  end(): boolean {
    const wasDown = this.active;
    this.since = undefined;
    this.cause = '';
    return wasDown;
  }

  /** How long it has been down, 0 while up. */
  get downForMs(): number {
    return this.since === undefined ? 0 : this.now() - this.since;
  }

  /** Since when, for how long and why it is down; undefined while up. */
  describe(): { since: string; forMs: number; error: string } | undefined {
    if (this.since === undefined) return undefined;
    return { since: new Date(this.since).toISOString(), forMs: this.downForMs, error: this.cause };
  }

  /** Throws Unhealthy (`<what>: <latest error>`, since when, for how long) while down. */
  assertUp(what: string): void {
    const down = this.describe();
    if (!down) return;
    throw new Unhealthy(`${what}: ${down.error}`, { downSince: down.since, downForMs: down.forMs });
  }
}
