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
  async exists(tx: Prisma.TransactionClient, orderId: string): Promise<boolean> {
    return (await tx.reservation.count({ where: { orderId } })) > 0;
  }

  async create(
    tx: Prisma.TransactionClient,
    reservation: { orderId: string; lines: readonly PricedLine[]; currency: string; totalCents: number },
  ): Promise<void> {
    const { orderId, lines, currency, totalCents } = reservation;
    await tx.reservation.create({
      data: { orderId, status: 'RESERVED', currency, totalCents, lines: { create: lines.map((line) => ({ ...line })) } },
    });
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
