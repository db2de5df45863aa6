import { Injectable } from '@nestjs/common';
import type { PricedLine } from '@shop/event-contracts';
import { type SqlTransaction, upsertAll } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';
import type { PricedOrder } from '../templates/email-content.js';

/** The priced lines of confirmed orders, so the shipped and cancelled e-mails can show them. */
@Injectable()
export class PricedOrderRepository {
  async remember(tx: SqlTransaction, orderId: string, { lines, currency, totalCents }: PricedOrder): Promise<void> {
    // updatedAt given, not left to the column's default (CURRENT_TIMESTAMP, the session's time zone): a Date is written as its UTC instant, as Prisma wrote it.
    const row = { orderId, lines, currency, totalCents, updatedAt: new Date() } satisfies Prisma.OrderSnapshotCreateManyInput;
    await upsertAll(tx, Prisma.ModelName.OrderSnapshot, ['orderId'], [row]);
  }

  async find(tx: SqlTransaction, orderId: string): Promise<PricedOrder | undefined> {
    const [row] = await tx.$queryRaw<{ lines: unknown; currency: string; totalCents: number }[]>`
      SELECT "lines", "currency", "totalCents" FROM "OrderSnapshot" WHERE "orderId" = ${orderId}::uuid`;
    return row ? { lines: row.lines as PricedLine[], currency: row.currency, totalCents: row.totalCents } : undefined;
  }
}
