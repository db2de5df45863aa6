import { Injectable } from '@nestjs/common';
import { type SqlTransaction, upsertAll } from '@shop/runtime';
import { type OrderSummary, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { OrderSummaryRow } from './order-summary.js';

/** Any constant: it keeps these locks apart from other two-key advisory locks. */
const ORDER_LOCK_NAMESPACE = 0x48495354; // "HIST"

/** The OrderSummary table: one row per order, newest first per customer. */
@Injectable()
export class OrderSummaryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Serialises the recording of these orders' events until `tx` ends. Events of
   * one order arrive on several topics, handled concurrently: without the lock
   * two transactions could each derive the summary without the other's event.
   * With it (and READ COMMITTED, PostgreSQL's default) the later one sees both.
   * Taken in the order given, which the caller keeps the same (sorted) in every
   * transaction, so two of them locking the same orders cannot wait on each other.
   */
  async lockOrders(tx: SqlTransaction, orderIds: readonly string[]): Promise<void> {
    await tx.$executeRaw`
      SELECT pg_advisory_xact_lock(${ORDER_LOCK_NAMESPACE}::int4, hashtext(locked.order_id))
      FROM unnest(${[...orderIds]}::text[]) WITH ORDINALITY AS locked(order_id, position)
      ORDER BY locked.position`;
  }

  /** Writes the summaries, each order's row replaced by its new one, in one statement. */
  async saveAll(tx: SqlTransaction, rows: readonly OrderSummaryRow[]): Promise<void> {
    await upsertAll(tx, Prisma.ModelName.OrderSummary, ['orderId'], rows satisfies readonly Prisma.OrderSummaryCreateManyInput[]);
  }

  /** The customer's newest orders first (placedAt, ties by order id). */
  ofCustomer(customerId: string, limit: number): Promise<OrderSummary[]> {
    return this.prisma.orderSummary.findMany({
      where: { customerId },
      orderBy: [{ placedAt: 'desc' }, { orderId: 'desc' }],
      take: limit,
    });
  }
}
