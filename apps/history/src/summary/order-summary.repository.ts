import { Injectable } from '@nestjs/common';
import { type OrderSummary, type Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { OrderSummaryRow } from './order-summary.js';

/** Any constant: it keeps these locks apart from other two-key advisory locks. */
const ORDER_LOCK_NAMESPACE = 0x48495354; // "HIST"

/** The OrderSummary table: one row per order, newest first per customer. */
@Injectable()
export class OrderSummaryRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Serialises the recording of one order's events until `tx` ends. Events of
   * one order arrive on several topics, handled concurrently: without the lock
   * two transactions could each derive the summary without the other's event.
   * With it (and READ COMMITTED, PostgreSQL's default) the later one sees both.
   */
  async lockOrder(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ORDER_LOCK_NAMESPACE}::int4, hashtext(${orderId}))`;
  }

  async save(tx: Prisma.TransactionClient, row: OrderSummaryRow): Promise<void> {
    await tx.orderSummary.upsert({ where: { orderId: row.orderId }, create: row, update: row });
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
