import { Injectable } from '@nestjs/common';
import type { InventoryTx } from '../database/inventory-transaction.js';

/** Tombstones of cancelled orders: once cancelled, an order never takes stock again. */
@Injectable()
export class CancelledOrdersRepository {
  async record(tx: InventoryTx, orderId: string): Promise<void> {
    await tx.cancelledOrder.createMany({ data: [{ orderId }], skipDuplicates: true });
  }

  async isCancelled(tx: InventoryTx, orderId: string): Promise<boolean> {
    return (await tx.cancelledOrder.count({ where: { orderId } })) > 0;
  }
}
