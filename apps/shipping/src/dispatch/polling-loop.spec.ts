import { jest } from '@jest/globals';
import { PollingLoop, type PollingLoopOptions, type RoundResult } from './polling-loop.js';

/** A promise that resolves when `done` is called; tests await conditions, not time. */
function signal() {
  let done!: () => void;
  const reached = new Promise<void>((resolve) => (done = resolve));
  return { reached, done };
}

/** Rounds at once while there is more, else every millisecond: the loop's plumbing, not its timing. */
const FAST = { intervalMs: 1, idleIntervalMs: 1, graceMs: 0 };

describe('PollingLoop', () => {
  let loop: PollingLoop | undefined;
  afterEach(() => loop?.stop());

  it('runs again at once while a round reports more work, then keeps polling', async () => {
    const outcomes = [true, true, false, false];
    const fourRounds = signal();
    let rounds = 0;
    loop = new PollingLoop({
      ...FAST,
      tick: async () => {
        rounds += 1;
        if (rounds === 4) fourRounds.done();
        return { settled: outcomes[rounds - 1] ? 1 : 0, more: outcomes[rounds - 1] ?? false };
      },
      onError: (error) => {
        throw error;
      },
    });
    loop.start();
    await fourRounds.reached;
    expect(rounds).toBeGreaterThanOrEqual(4);
  });

  it('reports a failed round and carries on', async () => {
    const errors: unknown[] = [];
    const recovered = signal();
    let rounds = 0;
    loop = new PollingLoop({
      ...FAST,
      tick: async () => {
        rounds += 1;
        if (rounds === 1) throw new Error('database unreachable');
        recovered.done();
        return { settled: 0, more: false };
      },
      onError: (error) => errors.push(error),
    });
    loop.start();
    await recovered.reached;
    expect(errors).toEqual([new Error('database unreachable')]);
  });

  it('never runs two rounds at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const tenRounds = signal();
    let rounds = 0;
    loop = new PollingLoop({
      ...FAST,
      intervalMs: 0,
      tick: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        inFlight -= 1;
        if (++rounds === 10) tenRounds.done();
        return { settled: 1, more: true };
      },
      onError: () => undefined,
    });
    loop.start();
    loop.start(); // a second start is a no-op, not a second loop
    await tenRounds.reached;
    expect(maxInFlight).toBe(1);
  });

  it('stop() waits for the round in progress and starts no other', async () => {
    const roundStarted = signal();
    const releaseRound = signal();
    let rounds = 0;
    let finished = false;
    loop = new PollingLoop({
      ...FAST,
      intervalMs: 0,
      tick: async () => {
        rounds += 1;
        roundStarted.done();
        await releaseRound.reached;
        finished = true;
        return { settled: 1, more: true };
      },
      onError: () => undefined,
    });
    loop.start();
    await roundStarted.reached;
    const stopped = loop.stop();
    releaseRound.done();
    await stopped;
    expect(finished).toBe(true);
    const roundsAtStop = rounds;
    // Whatever timers were due have fired by the next macrotask; none may start a round.
    await new Promise((resolve) => setImmediate(resolve));
    expect(rounds).toBe(roundsAtStop);
  });

  describe('when it polls (a fake clock)', () => {
    const TIMING = { intervalMs: 200, idleIntervalMs: 5_000, graceMs: 2_000 };
    let rounds: { at: number; wantsNextDue: boolean }[];
    beforeEach(() => {
      jest.useFakeTimers({ now: 0 });
      rounds = [];
    });
    afterEach(() => jest.useRealTimers());

    const startLoop = (answer: (round: number) => RoundResult = () => ({ settled: 0, more: false }), gatherMs?: number) => {
      const options: PollingLoopOptions = {
        ...TIMING,
        gatherMs,
        tick: async (wantsNextDue) => answer(rounds.push({ at: Date.now(), wantsNextDue })),
        onError: (error) => {
          throw error;
        },
      };
      loop = new PollingLoop(options);
      loop.start();
      return loop;
    };
    const roundTimes = () => rounds.map((round) => round.at);

    it('idles at one round every idleIntervalMs when nothing is coming', async () => {
      startLoop();
      await jest.advanceTimersByTimeAsync(12_000);
      expect(roundTimes()).toEqual([0, 5_000, 10_000]);
      expect(rounds.every((round) => round.wantsNextDue)).toBe(true);
    });

    it('runs at a time it is woken for, then every intervalMs for the grace, then idles again', async () => {
      const polling = startLoop();
      await jest.advanceTimersByTimeAsync(1_000);
      polling.wakeAt(new Date(1_500));
      await jest.advanceTimersByTimeAsync(9_000);
      const woken = [1_500, 1_700, 1_900, 2_100, 2_300, 2_500, 2_700, 2_900, 3_100, 3_300, 3_500];
      expect(roundTimes()).toEqual([0, ...woken, 8_500]);
      // Within a wake-up's grace the next due time is not asked for; the round that ends it asks again.
      expect(rounds.filter((round) => !round.wantsNextDue).map((round) => round.at)).toEqual(woken.slice(0, -1));
    });

    it('stops polling for a wake-up once a round has settled its work', async () => {
      // The round at 1,500 finds the announced work and settles it; nothing else is due.
      const polling = startLoop(() => ({ settled: Date.now() === 1_500 ? 1 : 0, more: false }));
      polling.wakeAt(new Date(1_500));
      await jest.advanceTimersByTimeAsync(7_000);
      expect(roundTimes()).toEqual([0, 1_500, 6_500]);
    });

    it('keeps the grace of a wake-up whose work no round has settled yet', async () => {
      // Two wake-ups due at 1,500 and 1,600; the round at 1,500 settles one piece of work, none after.
      const polling = startLoop(() => ({ settled: Date.now() === 1_500 ? 1 : 0, more: false }));
      polling.wakeAt(new Date(1_500));
      polling.wakeAt(new Date(1_600));
      await jest.advanceTimersByTimeAsync(4_000);
      expect(roundTimes()).toEqual([0, 1_500, 1_600, 1_800, 2_000, 2_200, 2_400, 2_600, 2_800, 3_000, 3_200, 3_400, 3_600]);
    });

    it('runs again at once when a round settled work and more is due, answering one wake-up per piece of work', async () => {
      // Two pieces of work announced for 1,000: the first round settles one and sees the other;
      // the next (a timer of 0, which Node fires after 1 ms) settles it, and both wake-ups are answered.
      const polling = startLoop((round) => ({ settled: round === 2 || round === 3 ? 1 : 0, more: round === 2 }));
      polling.wakeAt(new Date(1_000));
      polling.wakeAt(new Date(1_000));
      await jest.advanceTimersByTimeAsync(6_500);
      expect(roundTimes()).toEqual([0, 1_000, 1_001, 6_001]);
    });

    it('does not start a round before the time it was due, when its timer fires early', async () => {
      // The work announced for 1,500 is there from 1,500 on.
      const polling = startLoop(() => ({ settled: Date.now() >= 1_500 ? 1 : 0, more: false }));
      await jest.advanceTimersByTimeAsync(1_000);
      polling.wakeAt(new Date(1_500));
      // Node's timers count from the event loop's clock, which can run behind Date.now(): with the
      // wall clock set 5 ms back, the round's timer fires when Date.now() says 1,495.
      jest.setSystemTime(Date.now() - 5);
      await jest.advanceTimersByTimeAsync(1_000);
      expect(roundTimes()).toEqual([0, 1_500]);
    });

    it('with gatherMs, takes the work coming due soon after a round that settled some in one round, when the window ends', async () => {
      // Work announced for 1,000 is settled at once (nothing settled before it); the work for 1,050 and 1,120
      // waits for the window that round opened, and one round at 1,200 settles both, answering both wake-ups.
      const settledAt: Record<number, number> = { 1_000: 1, 1_200: 2 };
      const polling = startLoop(() => ({ settled: settledAt[Date.now()] ?? 0, more: false }), 200);
      for (const at of [1_000, 1_050, 1_120]) polling.wakeAt(new Date(at));
      await jest.advanceTimersByTimeAsync(6_500);
      expect(roundTimes()).toEqual([0, 1_000, 1_200, 6_200]);
    });

    it('runs when the next due work is, but not sooner than intervalMs for work already due', async () => {
      startLoop((round) => ({ settled: 0, more: false, nextDueAt: new Date(round === 1 ? 3_000 : 0) }));
      await jest.advanceTimersByTimeAsync(3_500);
      expect(roundTimes()).toEqual([0, 3_000, 3_200, 3_400]);
    });
  });
});
