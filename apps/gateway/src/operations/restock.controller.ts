import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { OperatorOnly } from '../auth/access.js';
import { DownstreamService } from '../requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from '../requests/gateway-requests.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';
import { restockInput } from './restock.input.js';

@Controller('products')
export class RestockController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_REQUESTS) private readonly requests: GatewayRequests,
  ) {}

  /**
   * 200, not 202: the inventory has raised the stock when it answers (the
   * change and its stock-replenished event commit together), so the new stock
   * is a fact, not a promise. The event reaches its consumers (history, caches) a moment later.
   */
  @Post(':sku/restock')
  @HttpCode(200)
  @OperatorOnly()
  restock(@Param('sku') sku: string, @Body() body: unknown) {
    // Validated here, so a bad request is answered without sending anything.
    const request = parsedOrThrow(restockInput(sku, body));
    return this.downstream.ask(this.requests.restock, request);
  }
}
