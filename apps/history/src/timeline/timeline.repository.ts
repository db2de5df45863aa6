import { Injectable } from '@nestjs/common';
import { insertAllUnlessPresent, type SqlTransaction } from '@shop/runtime';
import { Prisma, PrismaClient, type TimelineEntry } from '../generated/prisma/client.js';
import type { RecordedEvent } from '../summary/recorded-event.js';

export type NewTimelineEntry = Omit<TimelineEntry, 'data'> & { data: Prisma.InputJsonValue };

/** The TimelineEntry table: every recorded event, read back in the order the events happened. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Inserts the entries, in one statement, but those whose event id has one already (the inbox already filters redeliveries). */
  async addAll(tx: SqlTransaction, entries: readonly NewTimelineEntry[]): Promise<void> {
    await insertAllUnlessPresent(tx, Prisma.ModelName.TimelineEntry, entries satisfies readonly Prisma.TimelineEntryCreateManyInput[]);
  }

  /** The order's entries by ce_time, ties by ce_id: the same order however they arrived. */
  entriesOf(orderId: string): Promise<TimelineEntry[]> {
    return this.prisma.timelineEntry.findMany({ where: { orderId }, orderBy: [{ occurredAt: 'asc' }, { eventId: 'asc' }] });
  }

  /**
   * The latest `limit` entries filed under a product (its events that belong to
   * no order), oldest first: read newest first to take the latest, then turned.
   */
  async latestOfProduct(sku: string, limit: number): Promise<TimelineEntry[]> {
    const newestFirst = await this.prisma.timelineEntry.findMany({
      where: { sku },
      orderBy: [{ occurredAt: 'desc' }, { eventId: 'desc' }],
      take: limit,
    });
    return newestFirst.reverse();
  }

  /** Each order's recorded events of the given types, as `tx` sees them (an order with none is left out). */
  async eventsOfOrders(tx: SqlTransaction, orderIds: readonly string[], types: readonly string[]): Promise<Map<string, RecordedEvent[]>> {
    // "orderId" is a uuid column: the ids go as a uuid[], so the comparison is uuid to uuid and may use its index.
    const entries = await tx.$queryRaw<(RecordedEvent & { orderId: string })[]>`
      SELECT "orderId", "eventId", "type", "occurredAt", "data"
      FROM "TimelineEntry"
      WHERE "orderId" = ANY(${[...orderIds]}::uuid[]) AND "type" = ANY(${[...types]}::text[])`;
    const byOrder = new Map<string, RecordedEvent[]>();
    for (const { orderId, ...event } of entries) {
      const events = byOrder.get(orderId) ?? [];
      events.push(event);
      byOrder.set(orderId, events);
    }
    return byOrder;
  }
}
