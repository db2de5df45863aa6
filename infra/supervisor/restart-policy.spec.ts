import { CrashHistory, DEFAULT_RESTART_POLICY } from './restart-policy.ts';

describe('CrashHistory', () => {
  const policy = { ...DEFAULT_RESTART_POLICY, initialDelayMs: 500, maxDelayMs: 4_000, stableAfterMs: 30_000, maxCrashes: 5, crashWindowMs: 120_000 };

  it('restarts a crashed app at once, then backs off while it keeps crashing', () => {
    const history = new CrashHistory(policy);
    const delays = [0, 1, 2, 3].map((i) => history.exited(i * 1_000, 100));
    expect(delays.map((d) => (d.restart ? d.delayMs : 'gave up'))).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('gives up after maxCrashes exits within the window', () => {
    const history = new CrashHistory(policy);
    for (let i = 0; i < 4; i++) expect(history.exited(i * 1_000, 100).restart).toBe(true);
    expect(history.exited(4_000, 100)).toEqual({ restart: false, crashesInWindow: 5 });
  });

  it('forgets crashes older than the window, and starts the backoff again after a stable run', () => {
    const history = new CrashHistory(policy);
    for (let i = 0; i < 4; i++) history.exited(i * 1_000, 100);
    // Ten minutes later, after running for nine: one crash in the window, the shortest wait again.
    expect(history.exited(600_000, 540_000)).toEqual({ restart: true, delayMs: 500, crashesInWindow: 1 });
  });
});
