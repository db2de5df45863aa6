import { Injectable } from '@nestjs/common';
import type { OrderItem } from '@shop/event-contracts';
import type { SqlTransaction } from '@shop/runtime';
import { Prisma } from '../generated/prisma/client.js';
import type { StockedProduct } from './reservation-plan.js';

/**
 * The products' rows, locked until the transaction ends. Rows are locked in
 * sku order, the same for every transaction, so two orders sharing products
 * wait for each other instead of deadlocking. Skus missing from the catalog
 * are simply not returned. A query of its own (lockProducts) or a part of one
 * (ReservationRepository.priorOutcomeLockingProducts).
 */
export const lockedProducts = (skus: readonly string[]) => Prisma.sql`
  SELECT sku, name, "priceCents", currency, stock
  FROM "Product"
  WHERE sku = ANY(${[...skus]}::text[])
  ORDER BY sku
  FOR UPDATE`;

/**
 * Stock changes, always under row locks taken in one global order. A
 * reservation takes its units in ReservationRepository.reserve, in the
 * statement that records it.
 */
@Injectable()
export class StockRepository {
  /** Locks the products' rows until the transaction ends and reads them (lockedProducts). */
  async lockProducts(tx: SqlTransaction, skus: readonly string[]): Promise<StockedProduct[]> {
    return tx.$queryRaw<StockedProduct[]>(lockedProducts(skus));
  }

  /**
   * Adds a restock's units to a row locked by `lockProducts`; the stock it
   * leaves. `updatedAt` in UTC, as Prisma writes the column.
   */
  async replenish(tx: SqlTransaction, sku: string, quantity: number): Promise<number> {
    const [product] = await tx.$queryRaw<{ stock: number }[]>`
      UPDATE "Product"
      SET stock = stock + ${quantity}, "updatedAt" = now() AT TIME ZONE 'UTC'
      WHERE sku = ${sku}
      RETURNING stock`;
    if (!product) throw new Error(`no product ${sku} to replenish`);
    return product.stock;
  }

  /**
   * Puts every line's units back into rows locked by `lockProducts`, in one
   * statement rather than one per line. The contracts list a sku once per
   * order at most (withDistinctSkus): an UPDATE … FROM would apply only one
   * of a row's matches. `updatedAt` in UTC, as Prisma writes the column.
   */
  async giveBack(tx: SqlTransaction, items: readonly OrderItem[]): Promise<void> {
    if (items.length === 0) return;
    await tx.$executeRaw`
      UPDATE "Product" AS product
      SET stock = product.stock + line.quantity, "updatedAt" = now() AT TIME ZONE 'UTC'
      FROM unnest(${items.map((item) => item.sku)}::text[], ${items.map((item) => item.quantity)}::int[]) AS line(sku, quantity)
      WHERE product.sku = line.sku`;
  }
}
