import { Controller } from '@nestjs/common';
import { Ctx, type KafkaContext, MessagePattern, Payload } from '@nestjs/microservices';
import { MAX_PRODUCT_TIMELINE_ENTRIES, Requests } from '@shop/event-contracts';
import { fail, ok, serveRequest } from '@shop/runtime';
import { OrderSummaryRepository } from '../summary/order-summary.repository.js';
import { TimelineRepository } from '../timeline/timeline.repository.js';
import { toCustomerOrderReply, toTimelineEntryReply } from './history-replies.js';

/** Bounds one reply (a Kafka message): the newest orders of a customer. */
export const MAX_CUSTOMER_ORDERS = 100;

/** The read side: what the gateway asks history over Kafka request-reply. */
@Controller()
export class HistoryRequestsController {
  constructor(
    private readonly timeline: TimelineRepository,
    private readonly summaries: OrderSummaryRepository,
  ) {}

  @MessagePattern(Requests.getOrderTimeline.pattern)
  orderTimeline(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(Requests.getOrderTimeline, payload, context, async ({ orderId }) => {
      const entries = await this.timeline.entriesOf(orderId);
      if (entries.length === 0) return fail('NOT_FOUND', `no event of order ${orderId} was recorded`);
      return ok({ orderId, entries: entries.map(toTimelineEntryReply) });
    });
  }

  /** A product never restocked (or a sku history cannot know) gets an empty list, as the contract says. */
  @MessagePattern(Requests.getProductTimeline.pattern)
  productTimeline(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(Requests.getProductTimeline, payload, context, async ({ sku }) => {
      const entries = await this.timeline.latestOfProduct(sku, MAX_PRODUCT_TIMELINE_ENTRIES);
      return ok({ sku, entries: entries.map(toTimelineEntryReply) });
    });
  }

  /** A customer without orders gets an empty list, as the contract says. */
  @MessagePattern(Requests.getCustomerOrders.pattern)
  customerOrders(@Payload() payload: unknown, @Ctx() context: KafkaContext) {
    return serveRequest(Requests.getCustomerOrders, payload, context, async ({ customerId }) => {
      const orders = await this.summaries.ofCustomer(customerId, MAX_CUSTOMER_ORDERS);
      return ok({ customerId, orders: orders.map(toCustomerOrderReply) });
    });
  }
}
