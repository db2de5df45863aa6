import { Controller, Get, Inject } from '@nestjs/common';
import { DownstreamService } from '../requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from '../requests/gateway-requests.js';

@Controller('products')
export class ProductsController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_REQUESTS) private readonly requests: GatewayRequests,
  ) {}

  /** The catalog with prices and the stock available now, from the inventory. */
  @Get()
  list() {
    return this.downstream.ask(this.requests.listProducts, {});
  }
}
