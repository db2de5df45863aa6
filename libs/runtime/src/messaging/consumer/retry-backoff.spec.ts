import { backoffDelay, DEFAULT_RETRY_POLICY } from './retry-backoff.js';

describe('backoffDelay', () => {
  const policy = { attempts: 5, initialDelayMs: 100, maxDelayMs: 1_000 };

  it('doubles from the initial delay up to the cap', () => {
    const withoutJitter = () => 1;
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, policy, withoutJitter))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('jitters between half and all of the delay', () => {
    expect(backoffDelay(3, policy, () => 0)).toBe(200);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(300);
  });

  it('defaults to 5 tries from 100 ms up to 2 s', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 });
  });
});
