// The open loop: requests leave on a schedule fixed in advance (evenly spaced
// at the rate), whatever happened to the ones before. A closed loop waits for
// an answer before sending the next, so a slow shop slows the load down and
// its worst moments are never measured (coordinated omission); here a slow
// answer only means more requests in flight, and each request's latency is
// counted from the moment it was due, not from when it could finally leave.

export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface OpenLoopOptions {
  ratePerSecond: number;
  durationMs: number;
  /**
   * A bound on requests in flight, so an unanswering shop cannot make the
   * generator itself run out of memory or sockets; a request due while it is
   * reached is not sent and is counted as dropped (its own error, apart from
   * the shop's answers).
   */
  maxInFlight: number;
  /** Sends one request; `dueAt` (the clock's ms) is when it was due. Never awaited before the next is due. */
  send: (dueAt: number) => Promise<unknown>;
  /** A request was due and not sent (the in-flight bound). */
  onDropped?: () => void;
  clock?: Clock;
  /** Stops scheduling (the requests in flight still finish). */
  signal?: AbortSignal;
}

export interface OpenLoopResult {
  /** Requests that were due. */
  due: number;
  /** Requests sent. */
  sent: number;
  /** Due while maxInFlight requests were in flight: not sent. */
  dropped: number;
}

/** Runs the schedule for its duration, then waits for the requests still in flight. */
export async function runOpenLoop({ ratePerSecond, durationMs, maxInFlight, send, onDropped, clock = realClock, signal }: OpenLoopOptions): Promise<OpenLoopResult> {
  const intervalMs = 1_000 / ratePerSecond;
  const start = clock.now();
  const inFlight = new Set<Promise<unknown>>();
  const result: OpenLoopResult = { due: 0, sent: 0, dropped: 0 };
  // Each due time is computed from the start, not from the previous send, so a late timer does not push the schedule back: the requests it made late leave at once.
  for (let index = 0; ; index++) {
    const dueAt = start + index * intervalMs;
    if (dueAt - start >= durationMs || signal?.aborted) break;
    const wait = dueAt - clock.now();
    if (wait > 0) await clock.sleep(wait);
    result.due++;
    if (inFlight.size >= maxInFlight) {
      result.dropped++;
      onDropped?.();
      continue;
    }
    result.sent++;
    const request = send(dueAt)
      .catch(() => undefined)
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  }
  await Promise.all(inFlight);
  return result;
}
