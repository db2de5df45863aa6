import type { ServerResponse } from 'node:http';
import { ORDER_STATUS_STAGES, type OrderStatus } from '@shop/event-contracts';

/** The headers of every stream: no cache, no proxy buffering (nginx reads X-Accel-Buffering). */
export const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  'X-Accel-Buffering': 'no',
} as const;

/** A client whose socket holds this much unsent is too slow: it is dropped, and reconnects with Last-Event-ID. */
export const MAX_UNSENT_BYTES = 256 * 1024;

type State = 'snapshot' | 'live' | 'closed';

/**
 * One client's open stream. Subscribed before its snapshot is read, it keeps
 * what arrives meanwhile (`deliver` while in `snapshot`) and sends it after
 * the snapshot, minus the entries the snapshot had (`goLive`); from then on a
 * frame is only written. Frames are built once per event by the hub and
 * written to every stream of the order as they are.
 */
export class OrderStream {
  private state: State = 'snapshot';
  private pending: { eventId?: string; status?: OrderStatus; frame: string }[] = [];
  /** The furthest status this client was told: a status frame is sent only when it moves forward. */
  private told?: OrderStatus;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    readonly customerId: string,
    private readonly response: ServerResponse,
    private readonly maxUnsentBytes = MAX_UNSENT_BYTES,
  ) {
    // The client went away (or the socket broke): removed at once.
    response.once('close', () => this.closed());
  }

  get isOpen(): boolean {
    return this.state !== 'closed';
  }

  get isLive(): boolean {
    return this.state === 'live';
  }

  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }

  /** Starts the answer: 200 with the stream's headers (the trace's and the rate limit's are set already). */
  begin(): void {
    this.response.writeHead(200, STREAM_HEADERS);
    this.response.flushHeaders();
  }

  /** A frame of the order: written when live, kept until the snapshot is sent otherwise. `eventId`: of an entry frame. */
  deliver(frame: string, eventId?: string): void {
    if (this.state === 'live') this.write(frame);
    else if (this.state === 'snapshot') this.pending.push({ eventId, frame });
  }

  /** A status frame of the order: sent when it moves this client forward (now when live, after the snapshot otherwise). */
  deliverStatus(status: OrderStatus, frame: string): void {
    if (this.state === 'live') this.writeStatus(status, frame);
    else if (this.state === 'snapshot') this.pending.push({ status, frame });
  }

  /** Writes a status frame now unless this client knows as much already. */
  writeStatus(status: OrderStatus, frame: string): void {
    if (this.told !== undefined && ORDER_STATUS_STAGES[status] <= ORDER_STATUS_STAGES[this.told]) return;
    this.told = status;
    this.write(frame);
  }

  /** Writes now, whatever the state (the snapshot itself). */
  write(frame: string): void {
    if (this.state === 'closed') return;
    this.response.write(frame);
    if (this.response.writableLength > this.maxUnsentBytes) this.close();
  }

  /** The snapshot is written: sends what came meanwhile, except the entries it had, and writes directly from now on. */
  goLive(sentEventIds: ReadonlySet<string>): void {
    if (this.state !== 'snapshot') return;
    const pending = this.pending;
    this.pending = [];
    this.state = 'live';
    for (const { eventId, status, frame } of pending) {
      if (status !== undefined) this.writeStatus(status, frame);
      else if (eventId === undefined || !sentEventIds.has(eventId)) this.write(frame);
    }
  }

  /**
   * Ends the answer (after a last frame, if any); the client reconnects
   * unless that frame was `end`. Before `begin`, nothing is written: the
   * opener answers with a problem instead.
   */
  close(lastFrame?: string): void {
    if (this.state === 'closed') return;
    if (this.response.headersSent) this.response.end(lastFrame);
    this.closed();
  }

  private closed(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.pending = [];
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
