/**
 * Writes that the events sharing a transaction make together, once, just
 * before it commits, instead of one round trip per event: a read model's row
 * per event in one multi-row INSERT, a summary derived once per order however
 * many of its events came together. `add(key, item, write)` queues `item`
 * under `key`; after the transaction's last handler, each key's `write` (the
 * first one given for it) runs once with all its items, in the transaction,
 * keys in the order they were first added. An event handled alone has its
 * writes done at the end of its own transaction, so a write that fails fails
 * that event's transaction, and the consumer's retries and dead letters apply
 * as to anything its handler does.
 */
export interface TransactionBatch {
  add<Item>(key: string, item: Item, write: (items: Item[]) => Promise<void>): void;
}

/** The consumer's side of a TransactionBatch: handlers add, the consumer flushes before COMMIT. */
export class PendingWrites implements TransactionBatch {
  private readonly byKey = new Map<string, { items: unknown[]; write: (items: never[]) => Promise<void> }>();
  private flushed = false;

  add<Item>(key: string, item: Item, write: (items: Item[]) => Promise<void>): void {
    if (this.flushed) throw new Error(`TransactionBatch: "${key}" added after its transaction's writes were done`);
    const pending = this.byKey.get(key);
    if (pending) pending.items.push(item);
    else this.byKey.set(key, { items: [item], write });
  }

  /** Runs each key's write once with its items, in the order the keys came; a failure stops the rest and is thrown. */
  async flush(): Promise<void> {
    this.flushed = true;
    for (const { items, write } of this.byKey.values()) await write(items as never[]);
  }
}
