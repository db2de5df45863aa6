import type { GatewaySettings } from '../config/gateway-config.js';

/** How the order streams behave (the gateway's ORDER_STREAM* settings; see gateway-config.ts). */
export interface OrderStreamSettings {
  /** A keep-alive comment to every open stream this often. */
  heartbeatMs: number;
  /** Once the order is final, the stream ends after this long without an entry. */
  settleMs: number;
  /** Open streams one customer may hold on this instance; more are a 429. */
  perCustomer: number;
  /** Open streams on this instance; more are a 503. */
  max: number;
  /** A reconnect is sent again every entry stamped up to this long before its Last-Event-ID's. */
  replayMarginMs: number;
  /** What the client is told to wait before reconnecting (the `retry` frame). */
  retryMs: number;
}

/** A client that lost its stream tries again after this long (SSE's own default, written down). */
export const STREAM_RETRY_MS = 3_000;

export function orderStreamSettingsOf(settings: GatewaySettings): OrderStreamSettings {
  return {
    heartbeatMs: settings.ORDER_STREAM_HEARTBEAT_MS,
    settleMs: settings.ORDER_STREAM_SETTLE_MS,
    perCustomer: settings.ORDER_STREAMS_PER_CUSTOMER,
    max: settings.ORDER_STREAMS_MAX,
    replayMarginMs: settings.ORDER_STREAM_REPLAY_MARGIN_MS,
    retryMs: STREAM_RETRY_MS,
  };
}
