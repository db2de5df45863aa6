import { Injectable } from '@nestjs/common';
import { insertUnlessPresent, type SqlTransaction } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';

export interface SentEmailRecord {
  eventId: string;
  orderId: string;
  recipient: string;
  template: string;
  subject: string;
  messageId: string;
}

@Injectable()
export class SentEmailRepository {
  /**
   * Records the e-mail of an event before it is sent, in the handler's
   * transaction: false if that event's e-mail was already recorded. A
   * concurrent duplicate waits on the key until this transaction ends.
   */
  async claim(tx: SqlTransaction, record: SentEmailRecord): Promise<boolean> {
    return insertUnlessPresent(tx, Prisma.ModelName.SentEmail, { ...record } satisfies Prisma.SentEmailCreateManyInput);
  }
}
