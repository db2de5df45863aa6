import { type Packed, type PackedMessage, MessagePacker } from './message-packer.js';

/** What the buffer keeps by default: a minute of events, at most 10,000 (about 10 MB: ~950 bytes of a message in a slab, ~60 to keep it). */
export const RECENT_EVENTS_MAX_AGE_MS = 60_000;
export const RECENT_EVENTS_MAX_COUNT = 10_000;

interface Kept extends Packed {
  readonly key: string;
  readonly at: number;
}

/**
 * The events the feed consumed lately, raw (never parsed here), by key: a
 * stream's snapshot is history's timeline plus these, so an event the feed
 * consumed before the stream subscribed, that history has not recorded yet,
 * is not missed (docs/adr/0003-order-event-stream.md). Bounded by age and
 * count; the oldest go first. Emptied whenever the feed stops serving: a gap
 * in it would look like nothing happened. Each is kept as its bytes, packed
 * into slabs (MessagePacker): ~60 bytes of its own beside them.
 */
export class RecentEvents {
  private readonly queue: (Kept | undefined)[] = [];
  private head = 0;
  private readonly byKey = new Map<string, Kept[]>();
  private readonly packer = new MessagePacker();

  constructor(
    private readonly maxAgeMs = RECENT_EVENTS_MAX_AGE_MS,
    private readonly maxCount = RECENT_EVENTS_MAX_COUNT,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.queue.length - this.head;
  }

  add(key: string, consumed: PackedMessage): void {
    const at = this.now();
    const message: Kept = { key, at, ...this.packer.pack(consumed) };
    this.queue.push(message);
    const kept = this.byKey.get(key);
    if (kept) kept.push(message);
    else this.byKey.set(key, [message]);
    this.evict(at);
  }

  /** The value and headers of one key's messages still kept, oldest first (read back from their bytes). */
  of(key: string): PackedMessage[] {
    this.evict(this.now());
    return (this.byKey.get(key) ?? []).map(MessagePacker.unpack);
  }

  clear(): void {
    this.queue.length = 0;
    this.head = 0;
    this.byKey.clear();
  }

  private evict(now: number): void {
    for (let oldest = this.queue[this.head]; oldest && (this.size > this.maxCount || now - oldest.at > this.maxAgeMs); oldest = this.queue[this.head]) {
      this.queue[this.head++] = undefined;
      // Per key, the oldest kept is the first: both lists are in arrival order.
      const kept = this.byKey.get(oldest.key)!;
      kept.shift();
      if (kept.length === 0) this.byKey.delete(oldest.key);
    }
    // Compacted now and then rather than shifted each time (O(1) per event, amortised).
    if (this.head > 1_024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}
