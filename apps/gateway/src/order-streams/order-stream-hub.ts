import type { ServerResponse } from 'node:http';
import type { BeforeApplicationShutdown, LoggerService } from '@nestjs/common';
import { type OrderStatus, orderStatusSetBy } from '@shop/event-contracts';
import type { KafkaMessage } from 'kafkajs';
import type { FeedListener } from '../events/feed-listener.js';
import { ProblemException, Problems } from '../problem/problem.js';
import { liveEventOf } from './live-event.js';
import { OrderChannel } from './order-channel.js';
import { OrderStream } from './order-stream.js';
import type { OrderStreamSettings } from './order-stream-settings.js';
import { RecentEvents } from './recent-events.js';
import { parseCursor, replayedAfter } from './stream-cursor.js';
import { compareEntries, type StreamEntry, streamEntryOf } from './stream-entry.js';
import { StreamFrames } from './stream-frames.js';

/** What a client is told to wait before trying again when streams are refused for now. */
export const STREAMS_RETRY_AFTER_SECONDS = 5;

/** One stream to open: the order as the order service answered the ownership check, and what the client has. */
export interface StreamRequest {
  orderId: string;
  status: OrderStatus;
  customerId: string;
  lastEventId?: string;
  response: ServerResponse;
  /** The entries history has recorded (an empty list for an order it has not recorded yet). */
  recorded: () => Promise<readonly StreamEntry[]>;
}

/**
 * The order streams of this gateway instance (GET /orders/:id/events), fed
 * by the instance's event feed (docs/adr/0003-order-event-stream.md).
 *
 * Cost per event: its key is looked up in the map of open orders and the raw
 * message kept in the recent-events buffer; an event of an order nobody
 * follows goes no further (not parsed). An event of a followed order is
 * parsed, described and framed once, and the frame written to each of its
 * streams. One heartbeat timer serves every stream.
 */
export class OrderStreamHub implements FeedListener, BeforeApplicationShutdown {
  readonly name = 'orderStreams';
  private readonly channels = new Map<string, OrderChannel>();
  private readonly perCustomer = new Map<string, number>();
  private readonly recent: RecentEvents;
  private openCount = 0;
  private servingUntil = 0;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly counts = { opened: 0, ended: 0, refused: 0, framesWritten: 0 };

  constructor(
    readonly topics: readonly string[],
    private readonly settings: OrderStreamSettings,
    private readonly logger: LoggerService,
    recent = new RecentEvents(),
  ) {
    this.recent = recent;
    this.heartbeat = setInterval(() => this.beat(), settings.heartbeatMs).unref();
  }

  get open(): number {
    return this.openCount;
  }

  /** Whether the feed consumes (its lease is current): only then is a stream complete. */
  get serving(): boolean {
    return Date.now() < this.servingUntil;
  }

  consume(_topic: string, messages: readonly KafkaMessage[]): void {
    for (const message of messages) {
      if (message.key === null) continue;
      const key = message.key.toString();
      this.recent.add(key, message);
      const channel = this.channels.get(key);
      if (channel === undefined) continue; // nobody follows this order: not parsed
      const live = liveEventOf(message);
      if (live === undefined) continue;
      channel.publish(live.entry.eventId, StreamFrames.entry(live.entry));
      this.counts.framesWritten += channel.streams.size;
      if (live.status) channel.advance(live.status);
    }
  }

  serveFor(leaseMs: number): void {
    // Starting again after a lapse: events may have been missed, the buffer cannot vouch for the gap.
    if (!this.serving) this.recent.clear();
    this.servingUntil = Date.now() + leaseMs;
  }

  /** The feed stopped: every stream ends (without `end`), so its client reconnects with Last-Event-ID once streams are back. */
  stopServing(why: string): void {
    this.servingUntil = 0;
    this.recent.clear();
    if (this.openCount > 0) this.logger.log({ msg: 'order streams ended: the event feed stopped', why, open: this.openCount }, 'OrderStreams');
    this.closeAll();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    this.servingUntil = 0;
    // Open streams would hold the HTTP server's close: ended, their clients reconnect elsewhere.
    this.closeAll();
  }

  describe(): Record<string, unknown> {
    return { serving: this.serving, open: this.openCount, orders: this.channels.size, recentEvents: this.recent.size, ...this.counts };
  }

  /**
   * Opens a stream, or throws the problem to answer instead (nothing written
   * yet): 503 while the feed is not consuming or the instance is full, 429
   * past the customer's bound. Subscribes first, then reads the snapshot, so
   * nothing falls between the two.
   */
  async openStream(request: StreamRequest): Promise<void> {
    const stream = this.admit(request);
    const channel = this.channelOf(request.orderId);
    channel.add(stream);
    stream.onClose(() => this.release(stream, channel));
    let entries: StreamEntry[];
    try {
      entries = this.snapshot(request.orderId, await request.recorded(), parseCursor(request.lastEventId));
    } catch (error) {
      stream.close();
      throw error;
    }
    // Gone meanwhile: the client left, or the feed stopped (then the client is told to come back).
    if (!stream.isOpen) {
      if (!request.response.headersSent && !request.response.destroyed) throw this.unavailable('the event feed stopped');
      return;
    }
    stream.begin();
    stream.write(StreamFrames.retry(this.settings.retryMs));
    stream.writeStatus(request.status, StreamFrames.status(request.orderId, request.status));
    channel.advance(request.status);
    if (channel.status) stream.writeStatus(channel.status, StreamFrames.status(request.orderId, channel.status));
    for (const entry of entries) stream.write(StreamFrames.entry(entry));
    this.counts.framesWritten += entries.length;
    stream.goLive(new Set(entries.map((entry) => entry.eventId)));
    // Statuses the snapshot implies (an order event the channel had not seen) reach every stream, this one last.
    for (const entry of entries) {
      const status = orderStatusSetBy(entry.type);
      if (status) channel.advance(status);
    }
    channel.restartSettling();
  }

  private admit({ customerId, response }: StreamRequest): OrderStream {
    if (!this.serving) throw this.unavailable('the gateway is not consuming the shop’s events right now');
    if (this.openCount >= this.settings.max) throw this.unavailable(`this gateway holds ${this.settings.max} streams, its most`);
    const held = this.perCustomer.get(customerId) ?? 0;
    if (held >= this.settings.perCustomer) {
      this.counts.refused++;
      throw new ProblemException(
        {
          type: '/problems/too-many-streams',
          title: 'Too many open streams',
          status: 429,
          detail: `this customer holds ${held} open order streams, the most allowed (ORDER_STREAMS_PER_CUSTOMER); close one first`,
        },
        { 'Retry-After': String(STREAMS_RETRY_AFTER_SECONDS) },
      );
    }
    this.perCustomer.set(customerId, held + 1);
    this.openCount++;
    this.counts.opened++;
    return new OrderStream(customerId, response);
  }

  private unavailable(why: string): ProblemException {
    this.counts.refused++;
    return Problems.unavailable(`order streams are refused for now: ${why}; retry with Last-Event-ID`, STREAMS_RETRY_AFTER_SECONDS);
  }

  /** History's entries and the buffer's, each once, from the cursor on (with its margin), in history's order. */
  private snapshot(orderId: string, recorded: readonly StreamEntry[], cursor: ReturnType<typeof parseCursor>): StreamEntry[] {
    const byId = new Map<string, StreamEntry>(recorded.map((entry) => [entry.eventId, streamEntryOf(entry)]));
    for (const message of this.recent.of(orderId)) {
      const live = liveEventOf(message);
      if (live && !byId.has(live.entry.eventId)) byId.set(live.entry.eventId, live.entry);
    }
    return [...byId.values()].filter(replayedAfter(cursor, this.settings.replayMarginMs)).sort(compareEntries);
  }

  private channelOf(orderId: string): OrderChannel {
    let channel = this.channels.get(orderId);
    if (!channel) {
      channel = new OrderChannel(orderId, this.settings.settleMs, (ended) => {
        if (this.channels.get(ended.orderId) === ended) this.channels.delete(ended.orderId);
      });
      this.channels.set(orderId, channel);
    }
    return channel;
  }

  private release(stream: OrderStream, channel: OrderChannel): void {
    this.openCount--;
    this.counts.ended++;
    const held = (this.perCustomer.get(stream.customerId) ?? 1) - 1;
    if (held > 0) this.perCustomer.set(stream.customerId, held);
    else this.perCustomer.delete(stream.customerId);
    channel.remove(stream);
  }

  private beat(): void {
    for (const channel of this.channels.values()) for (const stream of channel.streams) if (stream.isLive) stream.write(StreamFrames.keepAlive);
  }

  private closeAll(): void {
    for (const channel of [...this.channels.values()]) for (const stream of [...channel.streams]) stream.close();
  }
}
