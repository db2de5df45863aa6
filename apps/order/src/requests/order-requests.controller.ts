import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { fail, ok, serveRequest, SqlTransactions } from '@shop/runtime';
import { PrismaClient } from '../generated/prisma/client.js';
import { OrderLifecycle } from '../order/order-lifecycle.service.js';
import { OrderPlacement } from '../order/order-placement.service.js';
import { toOrderView } from '../order/order-view.mapper.js';
import { OrderRepository } from '../order/order.repository.js';
import { OrderRequests } from '../topics/order-contracts.js';

/** The gateway's calls, over Kafka request-reply. Errors are reply values (NOT_FOUND, CONFLICT), never thrown. */
@Controller()
export class OrderRequestsController {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly transactions: SqlTransactions,
    private readonly orders: OrderRepository,
    private readonly placement: OrderPlacement,
    private readonly lifecycle: OrderLifecycle,
  ) {}

  @MessagePattern(OrderRequests.place.pattern)
  place(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(OrderRequests.place, payload, context, async (request) => {
      const { id, status } = await this.placement.place(request);
      return ok({ orderId: id, status });
    });
  }

  @MessagePattern(OrderRequests.get.pattern)
  get(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(OrderRequests.get, payload, context, async ({ orderId }) => {
      const order = await this.orders.findById(this.prisma, orderId);
      return order ? ok(toOrderView(order)) : fail('NOT_FOUND', `no order ${orderId}`);
    });
  }

  @MessagePattern(OrderRequests.cancel.pattern)
  cancel(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(OrderRequests.cancel, payload, context, async ({ orderId, reason }) => {
      const outcome = await this.transactions.$transaction((tx) =>
        this.lifecycle.cancel(tx, orderId, { reason, requestedBy: 'customer' }),
      );
      switch (outcome.kind) {
        case 'applied':
          return ok({ orderId, status: outcome.order.status });
        case 'refused':
          return fail('CONFLICT', `order ${orderId} is ${outcome.order.status}: ${outcome.reason}`);
        case 'not-found':
          return fail('NOT_FOUND', `no order ${orderId}`);
      }
    });
  }
}
