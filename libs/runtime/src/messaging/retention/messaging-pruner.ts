import type { LoggerService } from '@nestjs/common';
import type { RetentionConfig } from '../../config/retention-config.js';
import type { SqlExecutor } from '../sql-executor.js';
import { pruneInboxPastWindow, prunePublishedOutbox } from './prune-statements.js';

export interface MessagingPrunerOptions {
  database: SqlExecutor;
  retention: Pick<RetentionConfig, 'SHOP_OUTBOX_RETENTION_S' | 'SHOP_INBOX_WINDOW_S' | 'SHOP_PRUNE_INTERVAL_S'>;
  logger: LoggerService;
  /** Rows deleted per statement: small, so each lock is held for a moment. */
  batchSize?: number;
}

export interface Pruned {
  outbox: number;
  inbox: number;
}

const LOG_CONTEXT = 'MessagingPruner';

/**
 * Keeps the runtime's tables bounded (docs/adr/0005-bounded-messaging-tables.md):
 * every SHOP_PRUNE_INTERVAL_S it deletes published outbox rows older than the
 * retention and inbox rows older than the deduplication window, batch after
 * batch until none is left. Every replica of an app runs one; their deletes
 * skip each other's rows (prune-statements.ts), so no election is needed.
 * A failure (the database is down) is logged and tried again next round:
 * pruning late costs only space.
 */
export class MessagingPruner {
  private readonly batchSize: number;
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private running?: Promise<Pruned>;
  private failing = false;

  constructor(private readonly options: MessagingPrunerOptions) {
    this.batchSize = options.batchSize ?? 500;
  }

  start(): void {
    this.timer = setInterval(() => void this.pruneNow().catch(() => undefined), this.options.retention.SHOP_PRUNE_INTERVAL_S * 1000);
    // Pruning never keeps a process alive on its own.
    this.timer.unref();
  }

  /** Stops the rounds and waits for the one under way (a batch at most). */
  async stop(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One round now (tests, and the timer); a round already under way is joined, not doubled. */
  pruneNow(): Promise<Pruned> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<Pruned> {
    const { database, retention, logger } = this.options;
    try {
      const pruned = {
        outbox: await this.untilDone((limit) => prunePublishedOutbox(database, retention.SHOP_OUTBOX_RETENTION_S, limit)),
        inbox: await this.untilDone((limit) => pruneInboxPastWindow(database, retention.SHOP_INBOX_WINDOW_S, limit)),
      };
      if (this.failing) logger.log('pruning again', LOG_CONTEXT);
      this.failing = false;
      if (pruned.outbox + pruned.inbox > 0) logger.debug?.({ msg: 'pruned', ...pruned }, LOG_CONTEXT);
      return pruned;
    } catch (error) {
      if (!this.failing) logger.warn({ msg: 'pruning failed; will try again next round', error: (error as Error).message }, LOG_CONTEXT);
      this.failing = true;
      throw error;
    }
  }

  /** Deletes batch after batch until one comes back short (or the pruner stops). */
  private async untilDone(deleteBatch: (limit: number) => Promise<number>): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopping.signal.aborted) return total;
      const deleted = await deleteBatch(this.batchSize);
      total += deleted;
      if (deleted < this.batchSize) return total;
    }
  }
}
