import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';

/** Tombstones of cancelled orders: once cancelled, an order never takes stock again. */
@Injectable()
export class CancelledOrdersRepository {
  async record(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
    await tx.cancelledOrder.createMany({ data: [{ orderId }], skipDuplicates: true });
  }

  async isCancelled(tx: Prisma.TransactionClient, orderId: string): Promise<boolean> {
    return (await tx.cancelledOrder.count({ where: { orderId } })) > 0;
  }
}
