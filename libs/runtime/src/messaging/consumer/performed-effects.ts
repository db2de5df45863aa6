/**
 * Side effects outside the database (an SMTP send, a webhook post) that this
 * process already performed for an event whose transaction then did not
 * commit, say because the database went away a moment later. The retry that
 * follows finds the effect done and does not repeat it; it only records it.
 *
 * What is left is the window in which the process itself dies between the
 * effect and the commit: then the effect happens again (at least once, never
 * lost), and callers give it a stable id (a Message-ID) where the outside
 * world can deduplicate. Memory is bounded: the oldest entries go first.
 */
export class PerformedEffects {
  private readonly done = new Map<string, number>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly ttlMs = 60 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `effect` unless this process already ran it for `key` (an event id) and it succeeded. */
  async once(key: string, effect: () => Promise<unknown>): Promise<'performed' | 'already-performed'> {
    const at = this.done.get(key);
    if (at !== undefined && this.now() - at < this.ttlMs) return 'already-performed';
    await effect();
    this.done.delete(key);
    this.done.set(key, this.now());
    while (this.done.size > this.maxEntries) this.done.delete(this.done.keys().next().value!);
    return 'performed';
  }
}
