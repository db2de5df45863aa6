import { DEFAULT_RETRY_POLICY } from './retry-backoff.js';

describe('DEFAULT_RETRY_POLICY', () => {
  it('tries 5 times, waiting from 100 ms up to 2 s', () => {
    expect(DEFAULT_RETRY_POLICY).toEqual({ attempts: 5, initialDelayMs: 100, maxDelayMs: 2_000 });
  });
});
