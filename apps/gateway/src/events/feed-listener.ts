import type { KafkaMessage } from 'kafkajs';

/**
 * A part of the gateway kept current by the event feed (the catalog cache, the
 * order streams). The feed tells it when what it sees can be trusted: from the
 * first fetch after joining, for a lease each fetch renews (`serveFor`), until a
 * crash, a rebalance or a stop (`stopServing`: events may have been missed).
 */
export interface FeedListener {
  /** Its key in the feed's /health details. */
  readonly name: string;
  /** The topics whose batches it is given (full names, namespaced in tests). */
  readonly topics: readonly string[];
  /** One partition's batch, in offset order. Synchronous: it must not hold the feed up. */
  consume(topic: string, messages: readonly KafkaMessage[]): void;
  serveFor(leaseMs: number): void;
  stopServing(why: string): void;
  describe(): Record<string, unknown>;
}
