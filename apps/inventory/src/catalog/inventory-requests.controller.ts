import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { Requests } from '@shop/event-contracts';
import { ok, serveRequest } from '@shop/runtime';
import { CatalogRepository } from './catalog.repository.js';

/** The gateway's request-reply calls to the inventory. */
@Controller()
export class InventoryRequestsController {
  constructor(private readonly catalog: CatalogRepository) {}

  @MessagePattern(Requests.listProducts.pattern)
  listProducts(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(Requests.listProducts, payload, context, async () =>
      ok({ products: await this.catalog.listProducts() }),
    );
  }
}
