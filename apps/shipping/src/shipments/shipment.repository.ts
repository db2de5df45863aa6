import { Injectable } from '@nestjs/common';
import type { ShippingAddress } from '@shop/event-contracts';
import type { SqlTransaction, TraceHeaders } from '@shop/runtime';

export type ShipmentStatus = 'CREATED' | 'DISPATCHED' | 'FAILED' | 'CANCELLED';

/** Where a shipment comes from: the order.confirmed event that opened it, and its trace. */
export interface ShipmentOrigin {
  correlationId: string;
  causationId: string;
  traceHeaders: TraceHeaders;
}

export interface DueShipment extends ShipmentOrigin {
  id: string;
  orderId: string;
  shippingAddress: ShippingAddress;
}

/** How a due shipment ends: handed to a carrier, or failed with the reason. */
export type ShipmentSettlement =
  | { id: string; status: 'DISPATCHED'; carrier: string; trackingNumber: string; failureReason?: undefined }
  | { id: string; status: 'FAILED'; failureReason: string; carrier?: undefined; trackingNumber?: undefined };

/** One shipment per order (unique orderId): CREATED, then DISPATCHED, FAILED or CANCELLED. */
@Injectable()
export class ShipmentRepository {
  /**
   * Opens the order's shipment unless the order was cancelled (its tombstone,
   * CancelledOrdersRepository) or already has one (a redelivered or repeated
   * order.confirmed), in one statement: what it found, or 'opened'. The
   * caller holds the order's lock (lockOrder), taken in a statement before
   * this one, so this statement's snapshot sees a cancellation committed
   * while it waited.
   */
  async openUnlessCancelled(
    tx: SqlTransaction,
    shipment: { id: string; orderId: string; shippingAddress: ShippingAddress; createdAt: Date; dispatchAt: Date } & ShipmentOrigin,
  ): Promise<'opened' | 'cancelled' | 'already-open'> {
    const { id, orderId, shippingAddress, createdAt, dispatchAt, correlationId, causationId, traceHeaders } = shipment;
    const [outcome] = await tx.$queryRaw<{ cancelled: boolean; opened: boolean }[]>`
      WITH cancelled AS (
        SELECT EXISTS (SELECT 1 FROM "CancelledOrder" WHERE "orderId" = ${orderId}::uuid) AS yes
      ), opened AS (
        INSERT INTO "Shipment" ("id", "orderId", "status", "shippingAddress", "createdAt", "dispatchAt", "correlationId", "causationId", "traceHeaders")
        SELECT ${id}::uuid, ${orderId}::uuid, 'CREATED', ${JSON.stringify(shippingAddress)}::jsonb, ${createdAt}, ${dispatchAt},
               ${correlationId}, ${causationId}, ${JSON.stringify(traceHeaders)}::jsonb
        WHERE NOT (SELECT yes FROM cancelled)
        ON CONFLICT DO NOTHING
        RETURNING 1
      )
      SELECT (SELECT yes FROM cancelled) AS cancelled, EXISTS (SELECT 1 FROM opened) AS opened`;
    if (outcome!.cancelled) return 'cancelled';
    return outcome!.opened ? 'opened' : 'already-open';
  }

  /**
   * Cancels the order's shipment if it has not left yet. Waits for a
   * dispatcher holding the row, then sees its outcome: a dispatched shipment
   * is not cancelled. Returns the status the shipment ends with, if any.
   * Two statements, not one: only the UPDATE rechecks the row it waited for,
   * the second statement's snapshot (taken after) sees the dispatcher's
   * commit, where a read in the UPDATE's own statement would not.
   * `settledAt` in UTC, as Prisma writes the column.
   */
  async cancelIfNotDispatched(tx: SqlTransaction, orderId: string): Promise<ShipmentStatus | undefined> {
    const cancelled = await tx.$executeRaw`
      UPDATE "Shipment"
      SET status = 'CANCELLED', "settledAt" = now() AT TIME ZONE 'UTC'
      WHERE "orderId" = ${orderId}::uuid AND status = 'CREATED'`;
    if (cancelled === 1) return 'CANCELLED';
    const [shipment] = await tx.$queryRaw<{ status: ShipmentStatus }[]>`
      SELECT status FROM "Shipment" WHERE "orderId" = ${orderId}::uuid`;
    return shipment?.status;
  }

  /**
   * Takes up to `limit` of the longest-waiting CREATED shipments whose time
   * has come, locked until the transaction ends, and says whether another is
   * due behind them (so the dispatcher goes on at once, or knows it need not
   * look again). SKIP LOCKED: instances (or a cancel holding a row) never wait
   * for each other, each takes different shipments. The one behind is locked
   * too, until this transaction ends: another instance skips it, and a cancel
   * waits those few milliseconds.
   */
  async claimDue(tx: SqlTransaction, now: Date, limit: number): Promise<{ shipments: DueShipment[]; anotherDue: boolean }> {
    const due = await tx.$queryRaw<DueShipment[]>`
      SELECT id, "orderId", "shippingAddress", "correlationId", "causationId", "traceHeaders"
      FROM "Shipment"
      WHERE status = 'CREATED' AND "dispatchAt" <= ${now}
      ORDER BY "dispatchAt"
      LIMIT ${limit + 1}
      FOR UPDATE SKIP LOCKED`;
    return { shipments: due.slice(0, limit), anotherDue: due.length > limit };
  }

  /** When the earliest shipment still to dispatch is due, if there is one. */
  async nextDueAt(tx: SqlTransaction): Promise<Date | undefined> {
    const [next] = await tx.$queryRaw<{ dispatchAt: Date }[]>`
      SELECT "dispatchAt" FROM "Shipment" WHERE status = 'CREATED' ORDER BY "dispatchAt" LIMIT 1`;
    return next?.dispatchAt;
  }

  /**
   * Settles shipments claimed by `claimDue`, in one statement rather than one
   * each: dispatched with their carrier, or failed with the reason. Empty
   * strings stand for the columns a status leaves NULL. `settledAt` in UTC, as
   * Prisma writes the column.
   */
  async settle(tx: SqlTransaction, settlements: readonly ShipmentSettlement[]): Promise<void> {
    const column = (read: (settlement: ShipmentSettlement) => string | undefined) => settlements.map((settlement) => read(settlement) ?? '');
    await tx.$executeRaw`
      UPDATE "Shipment" AS shipment
      SET status = settled.status, carrier = NULLIF(settled.carrier, ''), "trackingNumber" = NULLIF(settled."trackingNumber", ''),
          "failureReason" = NULLIF(settled."failureReason", ''), "settledAt" = now() AT TIME ZONE 'UTC'
      FROM unnest(
        ${column((s) => s.id)}::uuid[], ${column((s) => s.status)}::text[], ${column((s) => s.carrier)}::text[],
        ${column((s) => s.trackingNumber)}::text[], ${column((s) => s.failureReason)}::text[]
      ) AS settled(id, status, carrier, "trackingNumber", "failureReason")
      WHERE shipment.id = settled.id`;
  }
}
