import { Injectable } from '@nestjs/common';
import { type Order, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { OrderStatus } from '@shop/event-contracts';
import type { ChangeStatement, SqlTransaction } from '@shop/runtime';
import type { NewOrder, OrderChanges, OrderPricing, OrderRecord, OrderShipment } from './order-record.js';

/**
 * The `Order` table. Methods take the client or transaction to run in, so
 * callers choose the transaction: reads outside one take the Prisma client;
 * what runs in a transaction takes its SqlTransaction, which has SQL only,
 * no models.
 */
@Injectable()
export class OrderRepository {
  async findById(db: PrismaClient, id: string): Promise<OrderRecord | null> {
    const row = await db.order.findUnique({ where: { id } });
    return row && toRecord(row);
  }

  async findByIdempotencyKey(db: PrismaClient, customerId: string, idempotencyKey: string): Promise<OrderRecord | null> {
    const row = await db.order.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey } } });
    return row && toRecord(row);
  }

  /**
   * Reads the order and locks its row until the transaction ends, so
   * concurrent transitions of one order (a customer's cancel racing an
   * inventory event) run one after the other, each seeing the other's result.
   * One statement (Prisma's queries cannot lock): the row's columns come
   * back as `findUnique` gives them, JSON parsed, timestamps as Dates.
   */
  async findForUpdate(tx: SqlTransaction, id: string): Promise<OrderRecord | null> {
    const [row] = await tx.$queryRaw<Order[]>`SELECT * FROM "Order" WHERE "id" = ${id}::uuid FOR UPDATE`;
    return row ? toRecord(row) : null;
  }

  /**
   * The statement that stores a new order (PENDING, version 0: the columns' defaults) and
   * returns its row, or returns nothing when the customer already has an order under this
   * idempotency key: the unique key decides, waiting for a concurrent duplicate to commit
   * or roll back first. Raw SQL because it runs in one statement with the order.placed
   * outbox row (Outbox.publishWithChange); `created` reads what it returned.
   */
  insertUnlessKeyTaken({ id, customerId, email, items, shippingAddress, idempotencyKey }: NewOrder): ChangeStatement {
    return {
      sql: `INSERT INTO "Order" ("id", "customerId", "email", "items", "shippingAddress", "idempotencyKey", "updatedAt")
            VALUES ($1::uuid, $2, $3, $4::jsonb, $5::jsonb, $6, now())
            ON CONFLICT ("customerId", "idempotencyKey") DO NOTHING
            RETURNING *`,
      values: [id, customerId, email, JSON.stringify(items), JSON.stringify(shippingAddress), idempotencyKey],
    };
  }

  /** The order insertUnlessKeyTaken stored, from the rows it returned; null if it stored none. */
  created([row]: readonly Order[]): OrderRecord | null {
    return row ? toRecord(row) : null;
  }

  /** Changes the order, whatever its status; throws if there is no such order. */
  async update(tx: SqlTransaction, id: string, changes: OrderChanges): Promise<OrderRecord> {
    const [row] = await tx.$queryRaw<Order[]>`UPDATE "Order" SET ${assignments(changes)} WHERE "id" = ${id}::uuid RETURNING *`;
    if (!row) throw new Error(`order ${id} does not exist: there is nothing to update`);
    return toRecord(row);
  }

  /**
   * Changes the order only if it is in `status`, in one statement (no read
   * first): the UPDATE's own condition, which PostgreSQL evaluates again on
   * the latest row when a concurrent transaction changed it first. null when
   * nothing matched: no such order, or another status.
   */
  async updateIfStatus(tx: SqlTransaction, id: string, status: OrderStatus, changes: OrderChanges): Promise<OrderRecord | null> {
    const [row] = await tx.$queryRaw<Order[]>`
      UPDATE "Order" SET ${assignments(changes)}
      WHERE "id" = ${id}::uuid AND "status" = ${status}::"OrderStatus"
      RETURNING *`;
    return row ? toRecord(row) : null;
  }
}

/**
 * The SET list of a transition: the status, the version one up, `updatedAt`
 * now (in UTC, as Prisma's @updatedAt stores it), and whichever of pricing,
 * shipment and reason the change brings; the others keep their values.
 */
function assignments({ status, pricing, shipment, statusReason }: OrderChanges): Prisma.Sql {
  const set = [
    Prisma.sql`"status" = ${status}::"OrderStatus"`,
    Prisma.sql`"version" = "version" + 1`,
    Prisma.sql`"updatedAt" = now() AT TIME ZONE 'UTC'`,
  ];
  if (pricing) set.push(Prisma.sql`"pricing" = ${JSON.stringify(pricing)}::jsonb`);
  if (shipment) set.push(Prisma.sql`"shipment" = ${JSON.stringify(shipment)}::jsonb`);
  if (statusReason) set.push(Prisma.sql`"statusReason" = ${statusReason}`);
  return Prisma.join(set, ', ');
}

function toRecord(row: Order): OrderRecord {
  return {
    ...row,
    items: row.items as OrderRecord['items'],
    shippingAddress: row.shippingAddress as OrderRecord['shippingAddress'],
    pricing: row.pricing as OrderPricing | null,
    shipment: row.shipment as OrderShipment | null,
  };
}
