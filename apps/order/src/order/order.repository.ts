import { Injectable } from '@nestjs/common';
import { type Order, Prisma, PrismaClient } from '../generated/prisma/client.js';
import type { OrderStatus } from '@shop/event-contracts';
import type { ChangeStatement } from '@shop/runtime';
import type { NewOrder, OrderChanges, OrderPricing, OrderRecord, OrderShipment } from './order-record.js';

type OrderDb = PrismaClient | Prisma.TransactionClient;

/** The `Order` table. Methods take the client or transaction to run in, so callers choose the transaction. */
@Injectable()
export class OrderRepository {
  async findById(db: OrderDb, id: string): Promise<OrderRecord | null> {
    const row = await db.order.findUnique({ where: { id } });
    return row && toRecord(row);
  }

  async findByIdempotencyKey(db: OrderDb, customerId: string, idempotencyKey: string): Promise<OrderRecord | null> {
    const row = await db.order.findUnique({ where: { customerId_idempotencyKey: { customerId, idempotencyKey } } });
    return row && toRecord(row);
  }

  /**
   * Reads the order and locks its row until the transaction ends, so
   * concurrent transitions of one order (a customer's cancel racing an
   * inventory event) run one after the other, each seeing the other's result.
   * One statement (Prisma's queries cannot lock): Prisma reads the row's
   * columns back as `findUnique` does, JSON parsed, timestamps as Dates.
   */
  async findForUpdate(tx: Prisma.TransactionClient, id: string): Promise<OrderRecord | null> {
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

  async update(tx: Prisma.TransactionClient, id: string, changes: OrderChanges): Promise<OrderRecord> {
    return toRecord(await tx.order.update({ where: { id }, data: updateData(changes) }));
  }

  /**
   * Changes the order only if it is in `status`, in one statement (no read
   * first): the UPDATE's own condition, which PostgreSQL evaluates again on
   * the latest row when a concurrent transaction changed it first. null when
   * nothing matched: no such order, or another status.
   */
  async updateIfStatus(tx: Prisma.TransactionClient, id: string, status: OrderStatus, changes: OrderChanges): Promise<OrderRecord | null> {
    const [row] = await tx.order.updateManyAndReturn({ where: { id, status }, data: updateData(changes) });
    return row ? toRecord(row) : null;
  }
}

function updateData({ status, pricing, shipment, statusReason }: OrderChanges): Prisma.OrderUpdateManyMutationInput {
  const data: Prisma.OrderUpdateManyMutationInput = { status, version: { increment: 1 } };
  if (pricing) data.pricing = pricing;
  if (shipment) data.shipment = shipment;
  if (statusReason) data.statusReason = statusReason;
  return data;
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
