import { PollingLoop } from './polling-loop.js';

/** A promise that resolves when `done` is called; tests await conditions, not time. */
function signal() {
  let done!: () => void;
  const reached = new Promise<void>((resolve) => (done = resolve));
  return { reached, done };
}

describe('PollingLoop', () => {
  let loop: PollingLoop | undefined;
  afterEach(() => loop?.stop());

  it('runs again at once while a round reports more work, then keeps polling', async () => {
    const outcomes = [true, true, false, false];
    const fourRounds = signal();
    let rounds = 0;
    loop = new PollingLoop({
      intervalMs: 1,
      tick: async () => {
        rounds += 1;
        if (rounds === 4) fourRounds.done();
        return outcomes[rounds - 1] ?? false;
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
      intervalMs: 1,
      tick: async () => {
        rounds += 1;
        if (rounds === 1) throw new Error('database unreachable');
        recovered.done();
        return false;
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
      intervalMs: 0,
      tick: async () => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await Promise.resolve();
        inFlight -= 1;
        if (++rounds === 10) tenRounds.done();
        return true;
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
      intervalMs: 0,
      tick: async () => {
        rounds += 1;
        roundStarted.done();
        await releaseRound.reached;
        finished = true;
        return true;
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
});
