import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CustomersController } from './customers/customers.controller.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { DEFAULT_JAEGER_UI_URL, GATEWAY_PAGES, type GatewayPages } from './pages/gateway-pages.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { CatalogCache } from './products/catalog-cache.js';
import { CatalogCacheModule } from './products/catalog-cache.module.js';
import { ProductsController } from './products/products.controller.js';
import { DownstreamService } from './requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from './requests/gateway-requests.js';
import { StorefrontController } from './storefront/storefront.controller.js';
import { TraceMiddleware } from './tracing/trace.middleware.js';

/**
 * The HTTP API: routes, problem+json errors, a trace per request, its OpenAPI
 * document and page, and the storefront. `client` is the module giving it a
 * RequestClient (RequestClientModule in the app, a fake in tests); `catalog`
 * the one giving it the CatalogCache (CatalogCacheModule.forRoot in the app;
 * by default a cache that stays off, so every read asks the inventory).
 */
@Module({})
export class ApiModule implements NestModule {
  static register(
    requests: GatewayRequests,
    client: DynamicModule,
    pages: GatewayPages = { jaegerUiUrl: DEFAULT_JAEGER_UI_URL },
    catalog: DynamicModule = CatalogCacheModule.withCache(new CatalogCache({ enabled: false, maxAgeMs: 1 })),
  ): DynamicModule {
    return {
      module: ApiModule,
      imports: [client, catalog],
      controllers: [OrdersController, CustomersController, ProductsController, OpenApiController, StorefrontController],
      providers: [
        { provide: GATEWAY_REQUESTS, useValue: requests },
        { provide: GATEWAY_PAGES, useValue: pages },
        DownstreamService,
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TraceMiddleware)
      .exclude({ path: 'health', method: RequestMethod.ALL }, { path: 'health/live', method: RequestMethod.ALL })
      // '{*path}', not '*path': the root (the storefront) has no segment.
      .forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
