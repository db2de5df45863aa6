import { randomUUID } from 'node:crypto';
import { Controller, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import type { OrderView, RequestContract } from '@shop/event-contracts';
import { fail, loadConfig, ok, serveRequest, serviceConfigSchema } from '@shop/runtime';
import { serveRequestsOverKafka } from '../../libs/runtime/dist/request-reply/request-server.js';

type PlaceOrder = RequestContract<Omit<OrderView, 'orderId' | 'status' | 'placedAt' | 'updatedAt'> & { idempotencyKey: string }, { orderId: string; status: OrderView['status'] }, string>;
type GetOrder = RequestContract<{ orderId: string }, OrderView, string>;

/** What the stand-in received: each place-order request with its Kafka headers. */
export interface Received {
  request: unknown;
  headers: Record<string, unknown>;
}

/** An order service answering the gateway's place and get calls over Kafka, keeping orders in memory. */
export async function startStandInOrderService(requests: { placeOrder: PlaceOrder; getOrder: GetOrder }) {
  const orders = new Map<string, OrderView>();
  const received: Received[] = [];

  @Controller()
  class StandInController {
    @MessagePattern(requests.placeOrder.pattern)
    place(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
      return serveRequest(requests.placeOrder, payload, context, async ({ idempotencyKey: _key, ...order }) => {
        received.push({ request: payload, headers: context.getMessage().headers ?? {} });
        const now = new Date().toISOString();
        const view: OrderView = { ...order, orderId: randomUUID(), status: 'PENDING', placedAt: now, updatedAt: now };
        orders.set(view.orderId, view);
        return ok({ orderId: view.orderId, status: view.status });
      });
    }

    @MessagePattern(requests.getOrder.pattern)
    get(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
      return serveRequest(requests.getOrder, payload, context, async ({ orderId }) => {
        const order = orders.get(orderId);
        return order ? ok(order) : fail('NOT_FOUND', `no order ${orderId}`);
      });
    }
  }

  @Module({ controllers: [StandInController] })
  class StandInModule {}

  const app: INestApplication = await NestFactory.create(StandInModule, { logger: ['error'] });
  await serveRequestsOverKafka(app, loadConfig(serviceConfigSchema));
  await app.init();
  return { app, orders, received };
}
