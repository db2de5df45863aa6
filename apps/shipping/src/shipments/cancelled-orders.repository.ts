import { Injectable } from '@nestjs/common';
import { insertUnlessPresent, type SqlTransaction } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';

/** Tombstones of cancelled orders: a cancelled order never gets a shipment (ShipmentRepository.openUnlessCancelled reads them). */
@Injectable()
export class CancelledOrdersRepository {
  async record(tx: SqlTransaction, orderId: string): Promise<void> {
    await insertUnlessPresent(tx, Prisma.ModelName.CancelledOrder, { orderId } satisfies Prisma.CancelledOrderCreateManyInput);
  }
}
