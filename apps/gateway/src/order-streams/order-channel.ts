import { isFinalOrderStatus, ORDER_STATUS_STAGES, type OrderStatus } from '@shop/event-contracts';
import type { OrderStream } from './order-stream.js';
import { StreamFrames } from './stream-frames.js';

/**
 * The open streams of one order, and what they share: the order's status as
 * far as any of them knows (never moving back), and the settle timer that
 * ends them all once the status is final and no entry came for `settleMs`
 * (e-mail and Slack entries follow the final status).
 */
export class OrderChannel {
  readonly streams = new Set<OrderStream>();
  private current?: OrderStatus;
  private settleTimer?: NodeJS.Timeout;

  constructor(
    readonly orderId: string,
    private readonly settleMs: number,
    private readonly onEnded: (channel: OrderChannel) => void,
  ) {}

  get status(): OrderStatus | undefined {
    return this.current;
  }

  add(stream: OrderStream): void {
    this.streams.add(stream);
  }

  /** Forgets a stream; the last one gone, the channel goes. */
  remove(stream: OrderStream): void {
    this.streams.delete(stream);
    if (this.streams.size === 0) this.dispose();
  }

  /** A status someone learnt (an order event, the order service's answer): told to every stream when it moves the order forward. */
  advance(status: OrderStatus): void {
    if (this.current !== undefined && ORDER_STATUS_STAGES[status] <= ORDER_STATUS_STAGES[this.current]) return;
    this.current = status;
    const frame = StreamFrames.status(this.orderId, status);
    for (const stream of this.streams) stream.deliverStatus(status, frame);
    this.restartSettling();
  }

  /** One entry frame to every stream: built once by the caller, written as it is. */
  publish(eventId: string, frame: string): void {
    for (const stream of this.streams) stream.deliver(frame, eventId);
    this.restartSettling();
  }

  /** Something arrived (an entry, a new stream's snapshot): once final, the quiet period starts again. */
  restartSettling(): void {
    if (this.current === undefined || !isFinalOrderStatus(this.current)) return;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => this.end(), this.settleMs);
  }

  /** Final and settled: `end` to every stream, then closed. */
  private end(): void {
    const frame = StreamFrames.end(this.orderId, this.current!);
    for (const stream of [...this.streams]) {
      // A stream still sending its snapshot is ended by its own restart of the timer, once live.
      if (stream.isLive) stream.close(frame);
    }
  }

  private dispose(): void {
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    this.onEnded(this);
  }
}
