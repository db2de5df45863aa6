// Placed→decided read from the events themselves: a consumer of the order
// topic with a group of its own, positioned at the end before the load
// starts, matching each of the run's orders' shop.order.placed.v1 with the
// first deciding event (confirmed, rejected or cancelled) by orderId. Both
// times are the events' ce_time, stamped by the order service when the state
// changed; neither depends on when this consumer reads them.
import { randomUUID } from 'node:crypto';
import { Events, fromKafkaHeaders, Topics } from '@shop/event-contracts';
import { KAFKA_COMMIT_INTERVAL_MS } from '@shop/runtime';
import type { Consumer, Kafka } from 'kafkajs';
import type { Decision } from './load-stats.ts';

const DECIDING: Record<string, Decision> = {
  [Events.orderConfirmedV1.type]: 'confirmed',
  [Events.orderRejectedV1.type]: 'rejected',
  [Events.orderCancelledV1.type]: 'cancelled',
};

/** Events of orders that are not (yet) known to be the run's are kept this long, then forgotten. */
const KEEP_UNMATCHED_MS = 120_000;

export interface DecidedOrder {
  orderId: string;
  decision: Decision;
  placedToDecidedMs: number;
  /** From when the client's POST was due (epoch ms) to the deciding event's ce_time. */
  dueToDecidedMs: number;
}

interface Seen {
  placedAt?: number;
  decidedAt?: number;
  decision?: Decision;
  /** When the run's POST was due (epoch ms): the order is the run's. */
  dueAt?: number;
  readAt: number;
}

export class OrderDecisions {
  private readonly orders = new Map<string, Seen>();
  private readonly groupId = `shop-load-${randomUUID().slice(0, 8)}`;
  private consumer: Consumer | undefined;
  private pruner: NodeJS.Timeout | undefined;

  private readonly kafka: Kafka;
  private readonly onDecided: (order: DecidedOrder) => void;

  constructor(kafka: Kafka, onDecided: (order: DecidedOrder) => void) {
    this.kafka = kafka;
    this.onDecided = onDecided;
  }

  /** Resolves once the consumer has joined and fetched from the end of the topic: every later event is seen. */
  async start(): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 100, allowAutoTopicCreation: false });
    this.consumer = consumer;
    const firstFetch = new Promise<void>((resolve) => consumer.on(consumer.events.FETCH, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic: Topics.orderEvents, fromBeginning: false });
    // Committed every second as the shop's consumers commit, not after every message (kafkajs's default): Kafka's
    // work for the load generator would be charged to the shop in `./shop bench capacity`.
    await consumer.run({ autoCommitInterval: KAFKA_COMMIT_INTERVAL_MS, eachMessage: async ({ message }) => this.read(message.headers ?? {}) });
    await firstFetch;
    this.pruner = setInterval(() => this.prune(), 10_000);
    this.pruner.unref();
  }

  /** An order the run placed (its 202), and when its POST was due. */
  placedByTheRun(orderId: string, dueAtEpochMs: number): void {
    this.note(orderId).dueAt = dueAtEpochMs;
    this.settle(orderId);
  }

  /** Orders of the run with no deciding event read yet. */
  undecided(): number {
    let count = 0;
    for (const seen of this.orders.values()) if (seen.dueAt !== undefined && seen.decision === undefined) count++;
    return count;
  }

  /** Forgets the run's orders (find-max's next step counts its own). */
  forgetUndecided(): void {
    for (const [orderId, seen] of this.orders) if (seen.dueAt !== undefined) this.orders.delete(orderId);
  }

  /** Leaves the group and deletes it: a load run leaves no consumer group behind. */
  async stop(): Promise<void> {
    clearInterval(this.pruner);
    await this.consumer?.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([this.groupId]);
    } catch {
      // Deleting is tidying: a group the broker still holds expires on its own.
    } finally {
      await admin.disconnect();
    }
  }

  private read(headers: Parameters<typeof fromKafkaHeaders>[0]): void {
    let envelope;
    try {
      envelope = fromKafkaHeaders(headers);
    } catch {
      return; // not an event of the contracts: nothing of the run's
    }
    const time = Date.parse(envelope.time);
    if (envelope.type === Events.orderPlacedV1.type) this.note(envelope.subject).placedAt = time;
    else if (DECIDING[envelope.type]) {
      const seen = this.note(envelope.subject);
      // The first deciding event decides (a cancel after the confirmation is not the decision).
      if (seen.decision !== undefined) return;
      seen.decision = DECIDING[envelope.type];
      seen.decidedAt = time;
    } else return;
    this.settle(envelope.subject);
  }

  private note(orderId: string): Seen {
    let seen = this.orders.get(orderId);
    if (!seen) this.orders.set(orderId, (seen = { readAt: Date.now() }));
    return seen;
  }

  private settle(orderId: string): void {
    const seen = this.orders.get(orderId)!;
    if (seen.dueAt === undefined || seen.placedAt === undefined || seen.decidedAt === undefined || seen.decision === undefined) return;
    this.orders.delete(orderId);
    this.onDecided({ orderId, decision: seen.decision, placedToDecidedMs: seen.decidedAt - seen.placedAt, dueToDecidedMs: seen.decidedAt - seen.dueAt });
  }

  private prune(): void {
    const before = Date.now() - KEEP_UNMATCHED_MS;
    for (const [orderId, seen] of this.orders) if (seen.dueAt === undefined && seen.readAt < before) this.orders.delete(orderId);
  }
}
