import type { LoggerService } from '@nestjs/common';
import type { SqlExecutor } from '../sql-executor.js';
import { MessagingPruner } from './messaging-pruner.js';

const retention = { SHOP_OUTBOX_RETENTION_S: 60, SHOP_INBOX_WINDOW_S: 300, SHOP_PRUNE_INTERVAL_S: 3600 };
const silent: LoggerService = { log: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

/** A database whose tables hold `rows` rows past their time; records each DELETE's table and limit. */
function tablesWith(rows: { outbox: number; inbox: number }, failWith?: Error) {
  const statements: string[] = [];
  const database: SqlExecutor = {
    async $executeRawUnsafe(query: string, seconds: unknown, limit: unknown) {
      if (failWith) throw failWith;
      const table = /DELETE FROM (\w+)/.exec(query)![1] as 'outbox' | 'inbox';
      statements.push(`${table} ${String(seconds)}s limit ${String(limit)}`);
      const deleted = Math.min(rows[table], Number(limit));
      rows[table] -= deleted;
      return deleted;
    },
    $queryRawUnsafe: () => Promise.reject(new Error('not used')),
  };
  return { database, statements };
}

describe('MessagingPruner', () => {
  it('deletes batch after batch until one comes back short, outbox by its retention, inbox by its window', async () => {
    const { database, statements } = tablesWith({ outbox: 5, inbox: 2 });
    const pruner = new MessagingPruner({ database, retention, logger: silent, batchSize: 2 });
    expect(await pruner.pruneNow()).toEqual({ outbox: 5, inbox: 2 });
    expect(statements).toEqual(['outbox 60s limit 2', 'outbox 60s limit 2', 'outbox 60s limit 2', 'inbox 300s limit 2', 'inbox 300s limit 2']);
  });

  it('joins a round under way instead of starting a second one', async () => {
    const { database, statements } = tablesWith({ outbox: 1, inbox: 0 });
    const pruner = new MessagingPruner({ database, retention, logger: silent });
    const [first, second] = await Promise.all([pruner.pruneNow(), pruner.pruneNow()]);
    expect(second).toBe(first);
    expect(statements).toHaveLength(2);
  });

  it('says once that pruning fails, and again when it works', async () => {
    const warnings: unknown[] = [];
    const logger = { ...silent, warn: (message: unknown) => warnings.push(message) };
    const failing = new MessagingPruner({ database: tablesWith({ outbox: 0, inbox: 0 }, new Error('connection refused')).database, retention, logger });
    await expect(failing.pruneNow()).rejects.toThrow('connection refused');
    await expect(failing.pruneNow()).rejects.toThrow('connection refused');
    expect(warnings).toEqual([expect.objectContaining({ msg: 'pruning failed; will try again next round', error: 'connection refused' })]);
  });

  it('stops between batches once stopped', async () => {
    const { database, statements } = tablesWith({ outbox: 10, inbox: 10 });
    const pruner = new MessagingPruner({ database, retention, logger: silent, batchSize: 1 });
    await pruner.stop();
    expect(await pruner.pruneNow()).toEqual({ outbox: 0, inbox: 0 });
    expect(statements).toEqual([]);
  });
});
