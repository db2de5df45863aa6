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

  /** The reservation and its lines in two inserts: a nested create would read the reservation back, unused. */
  async create(
    tx: Prisma.TransactionClient,
    reservation: { orderId: string; lines: readonly PricedLine[]; currency: string; totalCents: number },
  ): Promise<void> {
    const { orderId, lines, currency, totalCents } = reservation;
    await tx.reservation.createMany({ data: [{ orderId, status: 'RESERVED', currency, totalCents }] });
    await tx.reservationLine.createMany({ data: lines.map((line) => ({ orderId, ...line })) });
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
