import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';
import { OrderSummaryRepository } from '../summary/order-summary.repository.js';
import { SUMMARY_SOURCE_TYPES, summarizeOrder } from '../summary/order-summary.js';
import { describeEvent } from '../timeline/event-descriptions.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';

/** What every event contract's data has: they are all keyed by the order id. */
export type OrderEventData = { orderId: string; customerId?: string };

const summarySources = new Set(SUMMARY_SOURCE_TYPES);

/**
 * Records one event in the read model, in the consumer's transaction (the
 * inbox row's): its timeline entry, then, if its type feeds the summary, the
 * order's summary derived again from all its recorded events. Only the event's
 * own attributes are stored, never the time of recording, so a replay of the
 * topics rebuilds the same rows.
 */
@Injectable()
export class EventRecorder {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly summaries: OrderSummaryRepository,
  ) {}

  async record(tx: Prisma.TransactionClient, event: EventEnvelope<OrderEventData>): Promise<void> {
    const { orderId, customerId } = event.data;
    const occurredAt = new Date(event.time);
    // Thrown, the event is retried, then dead-lettered: a replay would do the same.
    if (Number.isNaN(occurredAt.getTime())) throw new Error(`ce_time "${event.time}" is not a date-time`);
    await this.timeline.add(tx, {
      eventId: event.id,
      orderId,
      customerId: customerId ?? null,
      type: event.type,
      source: event.source,
      summary: describeEvent(event.type, event.data),
      occurredAt,
      data: event.data as Prisma.InputJsonValue,
    });
    if (!summarySources.has(event.type)) return;
    await this.summaries.lockOrder(tx, orderId);
    const summary = summarizeOrder(orderId, await this.timeline.eventsOf(tx, orderId, SUMMARY_SOURCE_TYPES));
    if (summary) await this.summaries.save(tx, summary);
  }
}
