import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { Requests } from '@shop/event-contracts';
import { fail, ok, serveRequest } from '@shop/runtime';
import { Restocking } from '../restock/restocking.service.js';
import { CatalogRepository } from './catalog.repository.js';

/** The gateway's request-reply calls to the inventory: the catalog, and an operator's restock. */
@Controller()
export class InventoryRequestsController {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly restocking: Restocking,
  ) {}

  @MessagePattern(Requests.listProducts.pattern)
  listProducts(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(Requests.listProducts, payload, context, async () =>
      ok({ products: await this.catalog.listProducts() }),
    );
  }

  /** An operator's restock: the stock it leaves, or NOT_FOUND / CONFLICT, as values (never thrown). */
  @MessagePattern(Requests.restock.pattern)
  restock(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(Requests.restock, payload, context, async (request) => {
      const plan = await this.restocking.restock(request);
      switch (plan.kind) {
        case 'restock':
          return ok({ sku: request.sku, quantity: request.quantity, stock: plan.stock });
        case 'unknown-sku':
          return fail('NOT_FOUND', `no product ${request.sku} in the catalog`);
        case 'over-capacity':
          return fail('CONFLICT', `${request.sku} holds ${plan.stock} units: ${request.quantity} more would pass the most the inventory stores (${plan.max})`);
      }
    });
  }
}
