import { Injectable } from '@nestjs/common';
import type { TransactionBatch } from '@shop/runtime';
import type { EventEnvelope, EventKeyField } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';
import { OrderSummaryRepository } from '../summary/order-summary.repository.js';
import { SUMMARY_SOURCE_TYPES, summarizeOrder } from '../summary/order-summary.js';
import { describeEvent } from '@shop/event-contracts';
import { type NewTimelineEntry, TimelineRepository } from '../timeline/timeline.repository.js';
import { type RecordedData, timelineFiling } from './timeline-filing.js';

const summarySources = new Set(SUMMARY_SOURCE_TYPES);

/**
 * Records one event in the read model, in the consumer's transaction (the
 * inbox row's): its timeline entry, filed under its order or, for an event
 * that belongs to no order, its product; then, if its type feeds the summary,
 * the order's summary derived again from all its recorded events. Only the
 * event's own attributes are stored, never the time of recording, so a replay
 * of the topics rebuilds the same rows.
 *
 * The writes go through the transaction's batch: the entries of all the
 * events sharing the transaction in one INSERT, then each order's summary
 * once, from all its entries (the new ones included), however many of its
 * events came together; a statement per event and three per summary event
 * were most of history's round trips (`./shop bench capacity`).
 */
@Injectable()
export class EventRecorder {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly summaries: OrderSummaryRepository,
  ) {}

  /** `keyField`: the field the event's contract keys it by, which says whose timeline it goes on. */
  record(tx: Prisma.TransactionClient, batch: TransactionBatch, event: EventEnvelope<RecordedData>, keyField: EventKeyField): void {
    const { orderId, sku } = timelineFiling(keyField, event.data);
    const occurredAt = new Date(event.time);
    // Thrown, the event is retried, then dead-lettered: a replay would do the same.
    if (Number.isNaN(occurredAt.getTime())) throw new Error(`ce_time "${event.time}" is not a date-time`);
    const entry: NewTimelineEntry = {
      eventId: event.id,
      orderId,
      sku,
      customerId: event.data.customerId ?? null,
      type: event.type,
      source: event.source,
      summary: describeEvent(event.type, event.data),
      occurredAt,
      data: event.data as Prisma.InputJsonValue,
    };
    batch.add('timeline entries', entry, (entries) => this.timeline.addAll(tx, entries));
    if (orderId === null || !summarySources.has(event.type)) return;
    batch.add('order summaries', orderId, (orderIds) => this.summarize(tx, orderIds));
  }

  /**
   * Each order's summary from its recorded events. Orders in a fixed order, so
   * two transactions locking the same orders cannot wait on each other.
   */
  private async summarize(tx: Prisma.TransactionClient, orderIds: readonly string[]): Promise<void> {
    for (const orderId of [...new Set(orderIds)].sort()) {
      await this.summaries.lockOrder(tx, orderId);
      const summary = summarizeOrder(orderId, await this.timeline.eventsOf(tx, orderId, SUMMARY_SOURCE_TYPES));
      if (summary) await this.summaries.save(tx, summary);
    }
  }
}
