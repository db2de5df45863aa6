import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OrderPlacedV1, RequestOf } from '@shop/event-contracts';
import { Outbox } from '@shop/runtime';
import { type Order, PrismaClient } from '../generated/prisma/client.js';
import { OrderEvents, type OrderRequests } from '../topics/order-contracts.js';
import { orderPlacedData } from './order-event-data.js';
import type { OrderRecord } from './order-record.js';
import { OrderRepository } from './order.repository.js';

export type PlaceOrderRequest = RequestOf<typeof OrderRequests.place>;

/**
 * Places orders, once per customer and idempotency key: a repeated request
 * gets the order the first one placed, even when both arrive at once. The key
 * is not looked up first: a new order (nearly every request) is one statement,
 * the order's row and its order.placed event together, and a repeat learns of
 * the first order from the unique key that refuses it, then reads it.
 */
@Injectable()
export class OrderPlacement {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly orders: OrderRepository,
    private readonly outbox: Outbox,
  ) {}

  async place(request: PlaceOrderRequest): Promise<OrderRecord> {
    const { customerId, email, items, shippingAddress, idempotencyKey } = request;
    const order = { id: randomUUID(), customerId, email, items, shippingAddress, idempotencyKey };
    const insert = this.orders.insertUnlessKeyTaken(order);
    const rows = await this.outbox.publishWithChange<Order, OrderPlacedV1>(this.prisma, insert, OrderEvents.placed, orderPlacedData(order));
    const placed = this.orders.created(rows);
    if (placed) return placed;
    // A request with this key committed first (the unique key decided): answer its order.
    const winner = await this.orders.findByIdempotencyKey(this.prisma, customerId, idempotencyKey);
    if (!winner) throw new Error(`customer ${customerId}'s order under this idempotency key was refused as a duplicate, and then not found`);
    return winner;
  }
}
