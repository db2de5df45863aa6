import { Injectable } from '@nestjs/common';
import { Events, type RequestOf, type Requests } from '@shop/event-contracts';
import { Outbox, SqlTransactions } from '@shop/runtime';
import { StockRepository } from '../reservations/stock.repository.js';
import { planRestock, type RestockPlan } from './restock-plan.js';

export type RestockRequest = RequestOf<typeof Requests.restock>;

/**
 * Raises a product's stock and publishes stock-replenished in one
 * transaction: the event is published if and only if the stock changed. The
 * product's row is locked first, as a reservation locks it, so a restock and
 * an order reserving the same product queue instead of losing an update.
 */
@Injectable()
export class Restocking {
  constructor(
    private readonly transactions: SqlTransactions,
    private readonly stock: StockRepository,
    private readonly outbox: Outbox,
  ) {}

  restock({ sku, quantity }: RestockRequest): Promise<RestockPlan> {
    return this.transactions.$transaction(async (tx) => {
      const [product] = await this.stock.lockProducts(tx, [sku]);
      const plan = planRestock(product, quantity);
      if (plan.kind !== 'restock') return plan;
      const stock = await this.stock.replenish(tx, sku, quantity);
      await this.outbox.publish(tx, Events.stockReplenishedV1, { sku, quantity, stock });
      return { kind: 'restock', stock };
    });
  }
}
