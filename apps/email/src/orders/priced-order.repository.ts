import { Injectable } from '@nestjs/common';
import type { PricedLine } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';
import type { PricedOrder } from '../templates/email-content.js';

/** The priced lines of confirmed orders, so the shipped and cancelled e-mails can show them. */
@Injectable()
export class PricedOrderRepository {
  async remember(tx: Prisma.TransactionClient, orderId: string, { lines, currency, totalCents }: PricedOrder): Promise<void> {
    await tx.orderSnapshot.upsert({
      where: { orderId },
      create: { orderId, lines, currency, totalCents },
      update: { lines, currency, totalCents, updatedAt: new Date() },
    });
  }

  async find(tx: Prisma.TransactionClient, orderId: string): Promise<PricedOrder | undefined> {
    const row = await tx.orderSnapshot.findUnique({ where: { orderId } });
    return row ? { lines: row.lines as unknown as PricedLine[], currency: row.currency, totalCents: row.totalCents } : undefined;
  }
}
