import { Injectable } from '@nestjs/common';
import type { OrderItem, PricedLine } from '@shop/event-contracts';
import type { SqlTransaction } from '@shop/runtime';
import type { StockedProduct } from './reservation-plan.js';
import { lockedProducts } from './stock.repository.js';

export interface ActiveReservation {
  orderId: string;
  lines: OrderItem[];
}

/** A row of priorOutcomeLockingProducts: what is known of the order, beside one product (none: sku null, one row). */
interface KnownOrderAndProduct extends Omit<StockedProduct, 'sku'> {
  cancelled: boolean;
  reserved: boolean;
  sku: string | null;
}

/** The reservations made for orders: one per order, RESERVED until released. */
@Injectable()
export class ReservationRepository {
  /**
   * What this service already knows of the order: cancelled (its tombstone,
   * CancelledOrdersRepository), already reserved, or neither; and the products
   * of its skus, their rows locked as StockRepository.lockProducts locks them.
   * One statement rather than two: the products are locked even when the order
   * turns out to be known, which is rare, and the transaction then ends at once.
   * Run it after lockOrder: its snapshot, taken once that lock is held, sees a
   * cancellation committed while it waited, and the row locks see the latest stock.
   */
  async priorOutcomeLockingProducts(
    tx: SqlTransaction,
    orderId: string,
    skus: readonly string[],
  ): Promise<{ prior: 'cancelled' | 'reserved' | undefined; products: StockedProduct[] }> {
    // MATERIALIZED: the locking query runs as written, its rows locked in sku order, whatever the plan around it.
    const rows = await tx.$queryRaw<KnownOrderAndProduct[]>`
      WITH product AS MATERIALIZED (${lockedProducts(skus)})
      SELECT known.cancelled, known.reserved, product.*
      FROM (
        SELECT EXISTS (SELECT 1 FROM "CancelledOrder" WHERE "orderId" = ${orderId}::uuid) AS cancelled,
               EXISTS (SELECT 1 FROM "Reservation" WHERE "orderId" = ${orderId}::uuid) AS reserved
      ) AS known
      LEFT JOIN product ON true
      ORDER BY product.sku`;
    const { cancelled, reserved } = rows[0]!;
    const products = rows.flatMap(({ sku, name, priceCents, currency, stock }) => (sku === null ? [] : [{ sku, name, priceCents, currency, stock }]));
    return { prior: cancelled ? 'cancelled' : reserved ? 'reserved' : undefined, products };
  }

  /**
   * Takes each line's units from its product and records the reservation
   * with its lines, in one statement rather than three. The products' rows
   * must be locked already (StockRepository.lockProducts); the CHECK
   * (stock >= 0) backs the plan up. A sku comes once per order
   * (withDistinctSkus), as an UPDATE … FROM applies one match per row. The
   * lines' foreign key sees the reservation: it is checked when the whole
   * statement is done. Timestamps in UTC, as Prisma writes the columns.
   */
  async reserve(
    tx: SqlTransaction,
    reservation: { orderId: string; lines: readonly PricedLine[]; currency: string; totalCents: number },
  ): Promise<void> {
    const { orderId, lines, currency, totalCents } = reservation;
    await tx.$executeRaw`
      WITH line AS (
        SELECT * FROM unnest(
          ${lines.map((line) => line.sku)}::text[], ${lines.map((line) => line.name)}::text[],
          ${lines.map((line) => line.quantity)}::int[], ${lines.map((line) => line.unitPriceCents)}::int[]
        ) AS line(sku, name, quantity, "unitPriceCents")
      ), taken AS (
        UPDATE "Product" AS product
        SET stock = product.stock - line.quantity, "updatedAt" = now() AT TIME ZONE 'UTC'
        FROM line
        WHERE product.sku = line.sku
      ), reserved AS (
        INSERT INTO "Reservation" ("orderId", status, currency, "totalCents", "createdAt")
        VALUES (${orderId}::uuid, 'RESERVED', ${currency}, ${totalCents}, now() AT TIME ZONE 'UTC')
      )
      INSERT INTO "ReservationLine" ("orderId", sku, name, quantity, "unitPriceCents")
      SELECT ${orderId}::uuid, sku, name, quantity, "unitPriceCents" FROM line`;
  }

  /**
   * The order's reservation if it still holds stock, its lines by sku. One
   * row a line; none without a RESERVED reservation, and one with a null sku
   * for a reservation without lines (LEFT JOIN), which is still found.
   */
  async findReserved(tx: SqlTransaction, orderId: string): Promise<ActiveReservation | undefined> {
    const rows = await tx.$queryRaw<{ sku: string | null; quantity: number | null }[]>`
      SELECT line.sku, line.quantity
      FROM "Reservation" AS reservation
      LEFT JOIN "ReservationLine" AS line ON line."orderId" = reservation."orderId"
      WHERE reservation."orderId" = ${orderId}::uuid AND reservation.status = 'RESERVED'
      ORDER BY line.sku`;
    if (rows.length === 0) return undefined;
    const lines = rows.flatMap(({ sku, quantity }) => (sku === null ? [] : [{ sku, quantity: quantity! }]));
    return { orderId, lines };
  }

  /** Releases the order's reservation, which must exist (findReserved). `releasedAt` in UTC, as Prisma writes the column. */
  async markReleased(tx: SqlTransaction, orderId: string): Promise<void> {
    const released = await tx.$executeRaw`
      UPDATE "Reservation"
      SET status = 'RELEASED', "releasedAt" = now() AT TIME ZONE 'UTC'
      WHERE "orderId" = ${orderId}::uuid`;
    if (released !== 1) throw new Error(`no reservation of order ${orderId} to release`);
  }
}
