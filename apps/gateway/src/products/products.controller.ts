import type { ServerResponse } from 'node:http';
import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { safeParseWith, skuSchema } from '@shop/event-contracts';
import { z } from 'zod';
import { Problems } from '../problem/problem.js';
import { DownstreamService } from '../requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from '../requests/gateway-requests.js';
import { parsedOrThrow } from '../validation/parsed-or-throw.js';
import { CatalogCache } from './catalog-cache.js';
import { answerConditionally } from './conditional-get.js';

const skuParamSchema = z.object({ sku: skuSchema });

/**
 * The catalog with prices and the stock available now: from the gateway's
 * cache, which the inventory's events invalidate (see CatalogCache), else
 * from the inventory. Strong ETags, `If-None-Match` → 304, `Cache-Control: no-cache`.
 */
@Controller('products')
export class ProductsController {
  constructor(
    private readonly downstream: DownstreamService,
    @Inject(GATEWAY_REQUESTS) private readonly requests: GatewayRequests,
    private readonly catalog: CatalogCache,
  ) {}

  @Get()
  async list(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() response: ServerResponse): Promise<void> {
    const { snapshot, outcome } = await this.read();
    answerConditionally(response, snapshot.list, outcome, ifNoneMatch);
  }

  /** One product, from the same catalog (the inventory has no call for one product: a miss costs what a list costs). */
  @Get(':sku')
  async get(
    @Param('sku') sku: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: ServerResponse,
  ): Promise<void> {
    parsedOrThrow(safeParseWith(skuParamSchema, { sku }));
    const { snapshot, outcome } = await this.read();
    const product = snapshot.product(sku);
    if (!product) throw Problems.notFound(`no product ${sku}`);
    answerConditionally(response, product, outcome, ifNoneMatch);
  }

  private read() {
    return this.catalog.read(() => this.downstream.ask(this.requests.listProducts, {}));
  }
}
