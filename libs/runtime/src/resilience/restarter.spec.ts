import { Restarter } from './restarter.js';

const quick = { initialDelayMs: 1, maxDelayMs: 4 };

/** A promise and the function that resolves it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('Restarter', () => {
  it('runs the work when asked, retrying a failed try', async () => {
    let calls = 0;
    const failures: number[] = [];
    const restarter = new Restarter(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('broker away');
      },
      { signal: new AbortController().signal, backoff: quick, onFailure: (_error, attempt) => failures.push(attempt) },
    );
    restarter.request();
    await restarter.settled();
    expect(calls).toBe(3);
    expect(failures).toEqual([1, 2]);
  });

  it('runs once more when asked during a run (the crash of what the run built), not twice for several asks', async () => {
    const firstRun = gate();
    let calls = 0;
    const restarter = new Restarter(
      async () => {
        calls += 1;
        if (calls === 1) await firstRun.opened;
      },
      { signal: new AbortController().signal, backoff: quick },
    );
    restarter.request();
    restarter.request();
    restarter.request();
    firstRun.open();
    await restarter.settled();
    expect(calls).toBe(2);
  });

  it('keeps an ask made from inside the run, as kafkajs reports a failed join from inside consumer.run()', async () => {
    let calls = 0;
    const restarter: Restarter = new Restarter(
      async () => {
        calls += 1;
        if (calls < 3) restarter.request(); // the consumer just built crashed before run() returned
      },
      { signal: new AbortController().signal, backoff: quick },
    );
    restarter.request();
    await restarter.settled();
    expect(calls).toBe(3);
  });

  it('starts a new run for an ask after the last one ended', async () => {
    let calls = 0;
    const restarter = new Restarter(async () => void (calls += 1), { signal: new AbortController().signal, backoff: quick });
    restarter.request();
    await restarter.settled();
    restarter.request();
    await restarter.settled();
    expect(calls).toBe(2);
  });

  it('stops once its signal aborts: no run after, a run under way gives up retrying', async () => {
    const shutdown = new AbortController();
    let calls = 0;
    const restarter = new Restarter(
      async () => {
        calls += 1;
        shutdown.abort();
        throw new Error('still down');
      },
      { signal: shutdown.signal, backoff: quick },
    );
    restarter.request();
    await restarter.settled();
    restarter.request();
    await restarter.settled();
    expect(calls).toBe(1);
  });
});
