import { Injectable } from '@nestjs/common';
import type { EventEnvelope, EventKeyField } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';
import { OrderSummaryRepository } from '../summary/order-summary.repository.js';
import { SUMMARY_SOURCE_TYPES, summarizeOrder } from '../summary/order-summary.js';
import { describeEvent } from '@shop/event-contracts';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { type RecordedData, timelineFiling } from './timeline-filing.js';

const summarySources = new Set(SUMMARY_SOURCE_TYPES);

/**
 * Records one event in the read model, in the consumer's transaction (the
 * inbox row's): its timeline entry, filed under its order or, for an event
 * that belongs to no order, its product; then, if its type feeds the summary,
 * the order's summary derived again from all its recorded events. Only the
 * event's own attributes are stored, never the time of recording, so a replay
 * of the topics rebuilds the same rows.
 */
@Injectable()
export class EventRecorder {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly summaries: OrderSummaryRepository,
  ) {}

  /** `keyField`: the field the event's contract keys it by, which says whose timeline it goes on. */
  async record(tx: Prisma.TransactionClient, event: EventEnvelope<RecordedData>, keyField: EventKeyField): Promise<void> {
    const { orderId, sku } = timelineFiling(keyField, event.data);
    const occurredAt = new Date(event.time);
    // Thrown, the event is retried, then dead-lettered: a replay would do the same.
    if (Number.isNaN(occurredAt.getTime())) throw new Error(`ce_time "${event.time}" is not a date-time`);
    await this.timeline.add(tx, {
      eventId: event.id,
      orderId,
      sku,
      customerId: event.data.customerId ?? null,
      type: event.type,
      source: event.source,
      summary: describeEvent(event.type, event.data),
      occurredAt,
      data: event.data as Prisma.InputJsonValue,
    });
    if (orderId === null || !summarySources.has(event.type)) return;
    await this.summaries.lockOrder(tx, orderId);
    const summary = summarizeOrder(orderId, await this.timeline.eventsOf(tx, orderId, SUMMARY_SOURCE_TYPES));
    if (summary) await this.summaries.save(tx, summary);
  }
}
