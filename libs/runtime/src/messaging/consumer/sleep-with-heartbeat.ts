import { abortableDelay } from '../../resilience/backoff.js';

/** Longest stretch without a heartbeat while waiting; kafkajs itself sends one at most every `heartbeatInterval`. */
const HEARTBEAT_SLICE_MS = 500;

/**
 * Waits `ms` while keeping the group membership alive, so a partition blocked
 * by retries is not taken away for a missed session timeout. Ends early when
 * `signal` aborts (shutdown); resolves false then. Heartbeat errors (a
 * rebalance) propagate: the caller must give the message back.
 */
export async function sleepWithHeartbeat(
  ms: number,
  heartbeat: () => Promise<void>,
  signal: AbortSignal,
): Promise<boolean> {
  const until = Date.now() + ms;
  while (!signal.aborted) {
    const remaining = until - Date.now();
    if (remaining <= 0) return true;
    await abortableDelay(Math.min(remaining, HEARTBEAT_SLICE_MS), signal);
    if (!signal.aborted) await heartbeat();
  }
  return false;
}
