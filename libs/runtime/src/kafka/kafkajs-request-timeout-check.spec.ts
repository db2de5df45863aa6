import { jest } from '@jest/globals';
import { createRequire } from 'node:module';

// kafkajs's queue of one broker connection, as patched (patches/kafkajs@2.2.4.patch): it looks for
// requests past their timeout every tenth of the timeout, at least every 100 ms and at most every
// second, where kafkajs looked every 100 ms whatever the timeout. An idle app holds ~7 connections,
// and 10 wake-ups a second on each were nearly half of what the seven apps burnt with no order coming.
const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as new (
  options: Record<string, unknown>,
) => {
  inflight: Map<number, { sentAt: number; requestTimeout: number; timeoutRequest: () => void }>;
  scheduleRequestTimeoutCheck(): void;
  destroy(): void;
};

const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function queueWithTimeout(requestTimeout: number) {
  const isConnected = jest.fn(() => true);
  const queue = new RequestQueue({ requestTimeout, enforceRequestTimeout: true, clientId: 'spec', broker: 'spec:9092', logger, isConnected });
  queue.scheduleRequestTimeoutCheck();
  return { queue, checks: () => isConnected.mock.calls.length };
}

describe('kafkajs, patched: the request timeout check', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('looks once a second when requests may take 30 s, where kafkajs looked ten times', () => {
    const { queue, checks } = queueWithTimeout(30_000);
    jest.advanceTimersByTime(10_000);
    expect(checks()).toBe(10);
    queue.destroy();
  });

  it('still looks every 100 ms when requests may take 500 ms, so a timeout comes at most a fifth late', () => {
    const { queue, checks } = queueWithTimeout(500);
    jest.advanceTimersByTime(1_000);
    expect(checks()).toBe(10);
    queue.destroy();
  });

  it('times a request out within a second of its deadline', () => {
    const { queue } = queueWithTimeout(30_000);
    const timeoutRequest = jest.fn(() => void queue.inflight.delete(1));
    queue.inflight.set(1, { sentAt: Date.now(), requestTimeout: 30_000, timeoutRequest });
    jest.advanceTimersByTime(30_000);
    expect(timeoutRequest).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(timeoutRequest).toHaveBeenCalledTimes(1);
    queue.destroy();
  });
});
