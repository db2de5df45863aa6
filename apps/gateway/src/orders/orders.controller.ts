import type { IncomingMessage, ServerResponse } from 'node:http';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { safeParseWith } from '@shop/event-contracts';
import { CurrentCustomer } from '../auth/current-customer.decorator.js';
import { STREAM_HEADERS } from '../order-streams/order-stream.js';
import { OrderStreamHub } from '../order-streams/order-stream-hub.js';
import { ProblemException, Problems } from '../problem/problem.js';
import { DownstreamService } from '../requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from '../requests/gateway-requests.js';
import { traceIdOf } from '../tracing/trace-id.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';
import { cancelOrderBodySchema, DEFAULT_CANCEL_REASON } from './cancel-order-body.schema.js';
import type { OrderTimelineResponse } from './order-timeline.schema.js';
import { IDEMPOTENCY_KEY_HEADER, placeOrderInput } from './place-order.input.js';

/** How a path's order id is named in 400s. */
const ID_PARAM = { orderId: 'id' } as const;

@Controller('orders')
export class OrdersController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_REQUESTS) private readonly requests: GatewayRequests,
    private readonly streams: OrderStreamHub,
  ) {}

  /** Accepted, not done: the saga confirms or rejects it; GET the Location to follow it. */
  @Post()
  @HttpCode(202)
  async place(
    @Body() body: unknown,
    @Headers(IDEMPOTENCY_KEY_HEADER.toLowerCase()) idempotencyKey: string | undefined,
    @CurrentCustomer() customerId: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ) {
    // Validated here, so a bad request is answered without sending anything; the customer is the token's.
    const request = parsedOrThrow(placeOrderInput(body, idempotencyKey, customerId));
    const placed = await this.downstream.ask(this.requests.placeOrder, request, { idempotencyKey: IDEMPOTENCY_KEY_HEADER });
    response.setHeader('Location', `/orders/${placed.orderId}`);
    return { ...placed, traceId: traceIdOf(response) };
  }

  @Get(':id')
  get(@Param('id') id: string, @CurrentCustomer() customerId: string) {
    return this.ownOrder(id, customerId);
  }

  /** Accepted: the order is CANCELLED at once when it can be, its stock comes back afterwards. */
  @Post(':id/cancel')
  @HttpCode(202)
  async cancel(
    @Param('id') id: string,
    @Body() body: unknown,
    @CurrentCustomer() customerId: string,
    @Res({ passthrough: true }) response: ServerResponse,
  ) {
    const { reason } = parsedOrThrow(safeParseWith(cancelOrderBodySchema, body));
    const request = parsedOrThrow(
      this.requests.cancelOrder.parseRequest({ orderId: id, reason: reason ?? DEFAULT_CANCEL_REASON }),
      ID_PARAM,
    );
    await this.ownOrder(id, customerId);
    const cancelled = await this.downstream.ask(this.requests.cancelOrder, request, ID_PARAM);
    return { ...cancelled, traceId: traceIdOf(response) };
  }

  @Get(':id/timeline')
  async timeline(@Param('id') id: string, @CurrentCustomer() customerId: string): Promise<OrderTimelineResponse> {
    const { orderId } = parsedOrThrow(this.requests.getOrderTimeline.parseRequest({ orderId: id }), ID_PARAM);
    await this.ownOrder(id, customerId);
    return this.recordedTimeline(orderId);
  }

  /**
   * The order's status, then its timeline, live (text/event-stream; see
   * OrderStreamHub and docs/adr/0003-order-event-stream.md). Checked like a
   * read of the order: another customer's is a 404 before anything streams.
   */
  @Get(':id/events')
  async events(
    @Param('id') id: string,
    @CurrentCustomer() customerId: string,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: IncomingMessage,
    @Res() response: ServerResponse,
  ): Promise<void> {
    const order = await this.ownOrder(id, customerId);
    // Express answers HEAD with the GET route: the headers, and no stream held open for a body nobody reads.
    if (request.method === 'HEAD') {
      response.writeHead(200, STREAM_HEADERS).end();
      return;
    }
    await this.streams.openStream({
      orderId: order.orderId,
      status: order.status,
      customerId,
      lastEventId,
      response,
      recorded: async () => (await this.recordedTimeline(order.orderId)).entries,
    });
  }

  /** What history has: an order the order service knows but history has not recorded yet is an empty timeline, not a 404. */
  private async recordedTimeline(orderId: string): Promise<OrderTimelineResponse> {
    try {
      return { ...(await this.downstream.ask(this.requests.getOrderTimeline, { orderId }, ID_PARAM)), recorded: true };
    } catch (error) {
      if (error instanceof ProblemException && error.problem.status === 404) return { orderId, recorded: false, entries: [] };
      throw error;
    }
  }

  /**
   * The order, if it is this customer's. Another customer's order is answered
   * exactly as one that does not exist (404, the order service's words), so
   * ids cannot be probed. An order's customer never changes, so checking
   * before a cancel leaves no gap.
   */
  private async ownOrder(id: string, customerId: string) {
    const request = parsedOrThrow(this.requests.getOrder.parseRequest({ orderId: id }), ID_PARAM);
    const order = await this.downstream.ask(this.requests.getOrder, request, ID_PARAM);
    if (order.customerId !== customerId) throw Problems.notFound(`no order ${request.orderId}`);
    return order;
  }
}
