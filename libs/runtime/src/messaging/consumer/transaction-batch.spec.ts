import { PendingWrites } from './transaction-batch.js';

describe('PendingWrites', () => {
  it("runs each key's first write once with every item added under it, keys in the order they came", async () => {
    const done: string[] = [];
    const pending = new PendingWrites();
    pending.add('timeline', 'e-1', async (items) => void done.push(`timeline ${items.join(',')}`));
    pending.add('summaries', 'o-1', async (items) => void done.push(`summaries ${items.join(',')}`));
    pending.add('timeline', 'e-2', async () => void done.push('a second write for the key: never run'));
    pending.add('summaries', 'o-1', async () => undefined);
    await pending.flush();
    expect(done).toEqual(['timeline e-1,e-2', 'summaries o-1,o-1']);
  });

  it('stops at the first write that fails and throws its error, so the transaction rolls back', async () => {
    const done: string[] = [];
    const pending = new PendingWrites();
    pending.add('first', 1, async () => {
      throw new Error('constraint violated');
    });
    pending.add('second', 2, async () => void done.push('second'));
    await expect(pending.flush()).rejects.toThrow('constraint violated');
    expect(done).toEqual([]);
  });

  it('does nothing with nothing added, and refuses an add once flushed', async () => {
    const pending = new PendingWrites();
    await expect(pending.flush()).resolves.toBeUndefined();
    expect(() => pending.add('late', 1, async () => undefined)).toThrow('"late" added after its transaction\'s writes were done');
  });
});
