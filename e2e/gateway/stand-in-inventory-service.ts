import { Controller, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import type { Product, RequestContract } from '@shop/event-contracts';
import { loadConfig, ok, serveRequest, serviceConfigSchema } from '@shop/runtime';
import { serveRequestsOverKafka } from '../../libs/runtime/dist/request-reply/request-server.js';

type ListProducts = RequestContract<Record<string, never>, { products: Product[] }, string>;

/** An inventory answering the gateway's list-products call over Kafka from `products`, counting the calls. */
export async function startStandInInventoryService(listProducts: ListProducts, products: Product[]) {
  const state = { products, calls: 0 };

  @Controller()
  class StandInController {
    @MessagePattern(listProducts.pattern)
    list(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
      return serveRequest(listProducts, payload, context, async () => {
        state.calls++;
        return ok({ products: state.products });
      });
    }
  }

  @Module({ controllers: [StandInController] })
  class StandInModule {}

  const app: INestApplication = await NestFactory.create(StandInModule, { logger: ['error'] });
  await serveRequestsOverKafka(app, loadConfig(serviceConfigSchema));
  await app.init();
  return { app, state };
}
