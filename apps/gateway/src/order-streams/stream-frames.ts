import type { OrderStatus } from '@shop/event-contracts';
import { cursorOf } from './stream-cursor.js';
import type { StreamEntry } from './stream-entry.js';

/**
 * The frames of GET /orders/:id/events (text/event-stream). A fixed
 * protocol: the storefront and any client depend on it (README: Following an
 * order live). JSON.stringify never writes a newline, so each data is one line.
 */
export const StreamFrames = {
  /** First: how long a client waits before reconnecting after the stream is cut. */
  retry: (ms: number) => `retry: ${ms}\n\n`,
  status: (orderId: string, status: OrderStatus) => `event: status\ndata: ${JSON.stringify({ orderId, status })}\n\n`,
  entry: (entry: StreamEntry) => `event: entry\nid: ${cursorOf(entry)}\ndata: ${JSON.stringify(entry)}\n\n`,
  /** A comment, ignored by clients: it keeps proxies and load balancers from closing an idle stream. */
  keepAlive: ': keep-alive\n\n',
  /** The order is final and nothing more came for a while: the client should close, not reconnect. */
  end: (orderId: string, status: OrderStatus) => `event: end\ndata: ${JSON.stringify({ orderId, status })}\n\n`,
} as const;
