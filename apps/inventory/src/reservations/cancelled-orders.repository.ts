import { Injectable } from '@nestjs/common';
import { insertUnlessPresent, type SqlTransaction } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';

/** Tombstones of cancelled orders: once cancelled, an order never takes stock again (ReservationRepository.priorOutcomeLockingProducts reads them). */
@Injectable()
export class CancelledOrdersRepository {
  async record(tx: SqlTransaction, orderId: string): Promise<void> {
    await insertUnlessPresent(tx, Prisma.ModelName.CancelledOrder, { orderId } satisfies Prisma.CancelledOrderCreateManyInput);
  }
}
