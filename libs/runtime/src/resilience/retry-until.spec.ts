import { abortableDelay, backoffDelay } from './backoff.js';
import { retryLogLevel, retryUntil, TRANSIENT_FAILURE_MS } from './retry-until.js';

const quick = { initialDelayMs: 1, maxDelayMs: 4 };

describe('backoffDelay', () => {
  const backoff = { initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles from the initial delay up to the cap', () => {
    const withoutJitter = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, backoff, withoutJitter))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelay(3, backoff, () => 0)).toBe(200);
    expect(backoffDelay(3, backoff, () => 0.5)).toBe(300);
  });
});

describe('retryUntil', () => {
  it('says a failure is transient (info) for a while, then worth a warning', () => {
    expect(retryLogLevel(0)).toBe('log');
    expect(retryLogLevel(TRANSIENT_FAILURE_MS - 1)).toBe('log');
    expect(retryLogLevel(TRANSIENT_FAILURE_MS)).toBe('warn');
  });

  it('tries until the attempt succeeds, telling of each failure', async () => {
    const failures: number[] = [];
    let calls = 0;
    const result = await retryUntil(
      async () => {
        calls += 1;
        if (calls < 4) throw new Error(`refused ${calls}`);
        return 'connected';
      },
      { backoff: quick, onFailure: (_error, attempt) => failures.push(attempt) },
    );
    expect(result).toBe('connected');
    expect(failures).toEqual([1, 2, 3]);
  });

  it('gives up, with undefined, once its signal aborts', async () => {
    const shutdown = new AbortController();
    let calls = 0;
    const result = await retryUntil(
      async () => {
        calls += 1;
        if (calls === 3) shutdown.abort();
        throw new Error('still down');
      },
      { backoff: quick, signal: shutdown.signal },
    );
    expect(result).toBeUndefined();
    expect(calls).toBe(3);
  });

  it('cuts a wait short when the signal aborts', async () => {
    const shutdown = new AbortController();
    const waited = abortableDelay(60_000, shutdown.signal);
    shutdown.abort();
    await expect(waited).resolves.toBeUndefined();
  });
});
