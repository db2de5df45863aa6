import { type Clock, runOpenLoop } from './open-loop.ts';

/** A clock that only moves when the loop sleeps: the schedule is read exactly. */
function steppedClock(): Clock & { time: number } {
  const clock = {
    time: 0,
    now: () => clock.time,
    sleep: async (ms: number) => void (clock.time += ms),
  };
  return clock;
}

/** Answers that come only when told to. */
function slowAnswers() {
  const pending: (() => void)[] = [];
  return {
    answer: () => new Promise<void>((resolve) => pending.push(resolve)),
    answerAll: () => pending.splice(0).forEach((resolve) => resolve()),
  };
}

describe('runOpenLoop', () => {
  it('sends every request when it is due although no answer has come back', async () => {
    const clock = steppedClock();
    const answers = slowAnswers();
    const sentAt: number[] = [];
    const run = runOpenLoop({
      ratePerSecond: 10,
      durationMs: 1_000,
      maxInFlight: 1_000,
      clock,
      send: (dueAt) => {
        sentAt.push(clock.now());
        expect(clock.now()).toBe(dueAt);
        return answers.answer();
      },
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(sentAt).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    answers.answerAll();
    expect(await run).toEqual({ due: 10, sent: 10, dropped: 0 });
  });

  it('sends on the real clock without waiting for any answer', async () => {
    // No answer comes until the last request has left: a loop that waited for one would never get there (and the test would time out).
    const answers = slowAnswers();
    const answeredBeforeSend: number[] = [];
    let answered = 0;
    const result = await runOpenLoop({
      ratePerSecond: 50,
      durationMs: 400,
      maxInFlight: 1_000,
      send: async () => {
        answeredBeforeSend.push(answered);
        const answer = answers.answer();
        if (answeredBeforeSend.length === 20) answers.answerAll();
        await answer;
        answered++;
      },
    });
    expect(result).toEqual({ due: 20, sent: 20, dropped: 0 });
    expect(answeredBeforeSend).toEqual(Array(20).fill(0));
  });

  it('drops what is due while the in-flight bound is reached, and counts it', async () => {
    const clock = steppedClock();
    const answers = slowAnswers();
    const run = runOpenLoop({ ratePerSecond: 10, durationMs: 1_000, maxInFlight: 3, clock, send: () => answers.answer() });
    await new Promise((resolve) => setImmediate(resolve));
    answers.answerAll();
    expect(await run).toEqual({ due: 10, sent: 3, dropped: 7 });
  });

  it('sends what a late timer made overdue at once, from the schedule fixed at the start', async () => {
    let time = 0;
    // Every sleep oversleeps by 250 ms, as a busy event loop would.
    const clock: Clock = { now: () => time, sleep: async (ms) => void (time += ms + 250) };
    const sentAt: number[] = [];
    const dueAts: number[] = [];
    await runOpenLoop({
      ratePerSecond: 10,
      durationMs: 1_000,
      maxInFlight: 100,
      clock,
      send: async (dueAt) => void (sentAt.push(time), dueAts.push(dueAt)),
    });
    expect(dueAts).toEqual([0, 100, 200, 300, 400, 500, 600, 700, 800, 900]);
    expect(sentAt.length).toBe(10);
    expect(sentAt.every((at, index) => at >= dueAts[index]!)).toBe(true);
  });

  it('stops scheduling when aborted', async () => {
    const controller = new AbortController();
    const clock = steppedClock();
    const result = await runOpenLoop({
      ratePerSecond: 10,
      durationMs: 10_000,
      maxInFlight: 100,
      clock,
      signal: controller.signal,
      send: async () => {
        if (clock.now() >= 400) controller.abort();
      },
    });
    expect(result.sent).toBe(5);
  });
});
