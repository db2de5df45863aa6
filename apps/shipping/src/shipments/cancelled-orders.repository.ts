import { Injectable } from '@nestjs/common';
import type { ShippingTx } from '../database/shipping-transaction.js';

/** Tombstones of cancelled orders: a cancelled order never gets a shipment. */
@Injectable()
export class CancelledOrdersRepository {
  async record(tx: ShippingTx, orderId: string): Promise<void> {
    await tx.cancelledOrder.createMany({ data: [{ orderId }], skipDuplicates: true });
  }

  async isCancelled(tx: ShippingTx, orderId: string): Promise<boolean> {
    return (await tx.cancelledOrder.count({ where: { orderId } })) > 0;
  }
}
