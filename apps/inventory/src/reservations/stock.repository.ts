import { Injectable } from '@nestjs/common';
import type { OrderItem } from '@shop/event-contracts';
import type { Prisma } from '../generated/prisma/client.js';
import type { StockedProduct } from './reservation-plan.js';

/** Stock changes, always under row locks taken in one global order. */
@Injectable()
export class StockRepository {
  /**
   * Locks the products' rows until the transaction ends and reads them.
   * Rows are locked in sku order, the same for every transaction, so two
   * orders sharing products wait for each other instead of deadlocking.
   * Skus missing from the catalog are simply not returned.
   */
  async lockProducts(tx: Prisma.TransactionClient, skus: readonly string[]): Promise<StockedProduct[]> {
    return tx.$queryRaw<StockedProduct[]>`
      SELECT sku, name, "priceCents", currency, stock
      FROM "Product"
      WHERE sku = ANY(${[...skus]}::text[])
      ORDER BY sku
      FOR UPDATE`;
  }

  /** Takes the units from rows locked by `lockProducts`. The CHECK (stock >= 0) backs the plan up. */
  async take(tx: Prisma.TransactionClient, items: readonly OrderItem[]): Promise<void> {
    await this.add(tx, items, -1);
  }

  /** Adds a restock's units to a row locked by `lockProducts`; the stock it leaves. */
  async replenish(tx: Prisma.TransactionClient, sku: string, quantity: number): Promise<number> {
    const { stock } = await tx.product.update({ where: { sku }, data: { stock: { increment: quantity } }, select: { stock: true } });
    return stock;
  }

  /** Puts units back into rows locked by `lockProducts`. */
  async giveBack(tx: Prisma.TransactionClient, items: readonly OrderItem[]): Promise<void> {
    await this.add(tx, items, 1);
  }

  /**
   * Every line's units times `sign` added to its product's stock, in one
   * statement rather than one per line. The contracts list a sku once per
   * order at most (withDistinctSkus): an UPDATE … FROM would apply only one
   * of a row's matches. `updatedAt` in UTC, as Prisma writes the column.
   */
  private async add(tx: Prisma.TransactionClient, items: readonly OrderItem[], sign: 1 | -1): Promise<void> {
    if (items.length === 0) return;
    await tx.$executeRaw`
      UPDATE "Product" AS product
      SET stock = product.stock + ${sign}::int * line.quantity, "updatedAt" = now() AT TIME ZONE 'UTC'
      FROM unnest(${items.map((item) => item.sku)}::text[], ${items.map((item) => item.quantity)}::int[]) AS line(sku, quantity)
      WHERE product.sku = line.sku`;
  }
}
