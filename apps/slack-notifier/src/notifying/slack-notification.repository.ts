import { Injectable } from '@nestjs/common';
import { insertUnlessPresent, type SqlTransaction } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';

@Injectable()
export class SlackNotificationRepository {
  /**
   * Records the message of an event before it is posted, in the handler's
   * transaction: false if that event's message was already recorded. A
   * concurrent duplicate waits on the key until this transaction ends.
   */
  async claim(tx: SqlTransaction, record: { eventId: string; orderId: string; kind: string }): Promise<boolean> {
    return insertUnlessPresent(tx, Prisma.ModelName.SlackNotification, record satisfies Prisma.SlackNotificationCreateManyInput);
  }
}
