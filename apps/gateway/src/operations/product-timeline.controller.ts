import { Controller, Get, Inject, Param } from '@nestjs/common';
import { OperatorOnly } from '../auth/access.js';
import { DownstreamService } from '../requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from '../requests/gateway-requests.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';

@Controller('products')
export class ProductTimelineController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_REQUESTS) private readonly requests: GatewayRequests,
  ) {}

  /** A product's events that belong to no order (its restocks), from history: operations data, hence operators only. */
  @Get(':sku/timeline')
  @OperatorOnly()
  timeline(@Param('sku') sku: string) {
    const request = parsedOrThrow(this.requests.getProductTimeline.parseRequest({ sku }));
    return this.downstream.ask(this.requests.getProductTimeline, request);
  }
}
