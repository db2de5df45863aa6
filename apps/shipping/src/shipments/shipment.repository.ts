import { Injectable } from '@nestjs/common';
import type { ShippingAddress } from '@shop/event-contracts';
import { insertUnlessPresent, type TraceHeaders } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';

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

/** One shipment per order (unique orderId): CREATED, then DISPATCHED, FAILED or CANCELLED. */
@Injectable()
export class ShipmentRepository {
  /** Opens the order's shipment; false when it already has one (a redelivered or repeated order.confirmed). */
  async createIfAbsent(
    tx: Prisma.TransactionClient,
    shipment: { id: string; orderId: string; shippingAddress: ShippingAddress; createdAt: Date; dispatchAt: Date } & ShipmentOrigin,
  ): Promise<boolean> {
    const row = { ...shipment, status: 'CREATED' } satisfies Prisma.ShipmentCreateManyInput;
    return insertUnlessPresent(tx, Prisma.ModelName.Shipment, row);
  }

  /**
   * Cancels the order's shipment if it has not left yet. Waits for a
   * dispatcher holding the row, then sees its outcome: a dispatched shipment
   * is not cancelled. Returns the status the shipment ends with, if any.
   */
  async cancelIfNotDispatched(tx: Prisma.TransactionClient, orderId: string): Promise<ShipmentStatus | undefined> {
    const { count } = await tx.shipment.updateMany({
      where: { orderId, status: 'CREATED' },
      data: { status: 'CANCELLED', settledAt: new Date() },
    });
    if (count === 1) return 'CANCELLED';
    const shipment = await tx.shipment.findUnique({ where: { orderId }, select: { status: true } });
    return shipment?.status as ShipmentStatus | undefined;
  }

  /**
   * Takes the longest-waiting CREATED shipment whose time has come, locked
   * until the transaction ends, and says whether another is due behind it
   * (so the dispatcher goes on at once, or knows it need not look again).
   * SKIP LOCKED: instances (or a cancel holding a row) never wait for each
   * other, each takes a different shipment. The one behind is locked too,
   * until this transaction ends: another instance skips it, and a cancel
   * waits those few milliseconds.
   */
  async claimDue(tx: Prisma.TransactionClient, now: Date): Promise<{ shipment?: DueShipment; anotherDue: boolean }> {
    const [shipment, next] = await tx.$queryRaw<DueShipment[]>`
      SELECT id, "orderId", "shippingAddress", "correlationId", "causationId", "traceHeaders"
      FROM "Shipment"
      WHERE status = 'CREATED' AND "dispatchAt" <= ${now}
      ORDER BY "dispatchAt"
      LIMIT 2
      FOR UPDATE SKIP LOCKED`;
    return { shipment, anotherDue: next !== undefined };
  }

  /** When the earliest shipment still to dispatch is due, if there is one. */
  async nextDueAt(tx: Prisma.TransactionClient): Promise<Date | undefined> {
    const next = await tx.shipment.findFirst({ where: { status: 'CREATED' }, orderBy: { dispatchAt: 'asc' }, select: { dispatchAt: true } });
    return next?.dispatchAt;
  }

  async markDispatched(tx: Prisma.TransactionClient, id: string, carrier: { carrier: string; trackingNumber: string }): Promise<void> {
    await tx.shipment.update({ where: { id }, data: { status: 'DISPATCHED', ...carrier, settledAt: new Date() } });
  }

  async markFailed(tx: Prisma.TransactionClient, id: string, failureReason: string): Promise<void> {
    await tx.shipment.update({ where: { id }, data: { status: 'FAILED', failureReason, settledAt: new Date() } });
  }
}
