import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';

/** Tombstones of cancelled orders: a cancelled order never gets a shipment. */
@Injectable()
export class CancelledOrdersRepository {
  async record(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
    await tx.cancelledOrder.createMany({ data: [{ orderId }], skipDuplicates: true });
  }

  async isCancelled(tx: Prisma.TransactionClient, orderId: string): Promise<boolean> {
    return (await tx.cancelledOrder.count({ where: { orderId } })) > 0;
  }
}
