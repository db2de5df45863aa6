import { Injectable } from '@nestjs/common';
import type { OrderItem, PricedLine } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';

export interface ActiveReservation {
  orderId: string;
  lines: OrderItem[];
}

/** The reservations made for orders: one per order, RESERVED until released. */
@Injectable()
export class ReservationRepository {
  /**
   * What this service already knows of the order, in one statement: cancelled
   * (its tombstone, CancelledOrdersRepository), already reserved, or neither.
   */
  async priorOutcome(tx: Prisma.TransactionClient, orderId: string): Promise<'cancelled' | 'reserved' | undefined> {
    const [known] = await tx.$queryRaw<{ cancelled: boolean; reserved: boolean }[]>`
      SELECT EXISTS (SELECT 1 FROM "CancelledOrder" WHERE "orderId" = ${orderId}::uuid) AS cancelled,
             EXISTS (SELECT 1 FROM "Reservation" WHERE "orderId" = ${orderId}::uuid) AS reserved`;
    if (known!.cancelled) return 'cancelled';
    return known!.reserved ? 'reserved' : undefined;
  }

  /**
   * Takes each line's units from its product and records the reservation
   * with its lines, in one statement rather than three. The products' rows
   * must be locked already (StockRepository.lockProducts); the CHECK
   * (stock >= 0) backs the plan up. A sku comes once per order
   * (withDistinctSkus), as an UPDATE … FROM applies one match per row. The
   * lines' foreign key sees the reservation: it is checked when the whole
   * statement is done. Timestamps in UTC, as Prisma writes the columns.
   */
  async reserve(
    tx: Prisma.TransactionClient,
    reservation: { orderId: string; lines: readonly PricedLine[]; currency: string; totalCents: number },
  ): Promise<void> {
    const { orderId, lines, currency, totalCents } = reservation;
    await tx.$executeRaw`
      WITH line AS (
        SELECT * FROM unnest(
          ${lines.map((line) => line.sku)}::text[], ${lines.map((line) => line.name)}::text[],
          ${lines.map((line) => line.quantity)}::int[], ${lines.map((line) => line.unitPriceCents)}::int[]
        ) AS line(sku, name, quantity, "unitPriceCents")
      ), taken AS (
        UPDATE "Product" AS product
        SET stock = product.stock - line.quantity, "updatedAt" = now() AT TIME ZONE 'UTC'
        FROM line
        WHERE product.sku = line.sku
      ), reserved AS (
        INSERT INTO "Reservation" ("orderId", status, currency, "totalCents", "createdAt")
        VALUES (${orderId}::uuid, 'RESERVED', ${currency}, ${totalCents}, now() AT TIME ZONE 'UTC')
      )
      INSERT INTO "ReservationLine" ("orderId", sku, name, quantity, "unitPriceCents")
      SELECT ${orderId}::uuid, sku, name, quantity, "unitPriceCents" FROM line`;
  }

  /** The order's reservation if it still holds stock. */
  async findReserved(tx: Prisma.TransactionClient, orderId: string): Promise<ActiveReservation | undefined> {
    const reservation = await tx.reservation.findFirst({
      where: { orderId, status: 'RESERVED' },
      include: { lines: { select: { sku: true, quantity: true }, orderBy: { sku: 'asc' } } },
    });
    return reservation ? { orderId, lines: reservation.lines } : undefined;
  }

  async markReleased(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
    await tx.reservation.update({ where: { orderId }, data: { status: 'RELEASED', releasedAt: new Date() } });
  }
}
