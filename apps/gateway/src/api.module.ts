import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { gatewayConfig } from './config/gateway-config.js';
import { CustomersController } from './customers/customers.controller.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { DeadLettersController } from './operations/dead-letters.controller.js';
import { OPERATED_TOPICS, operatedTopics } from './operations/operated-topics.js';
import { ProductTimelineController } from './operations/product-timeline.controller.js';
import { RestockController } from './operations/restock.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { DEFAULT_JAEGER_UI_URL, GATEWAY_PAGES, type GatewayPages } from './pages/gateway-pages.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { ProductsController } from './products/products.controller.js';
import { DownstreamService } from './requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from './requests/gateway-requests.js';
import { StorefrontController } from './storefront/storefront.controller.js';
import { TraceMiddleware } from './tracing/trace.middleware.js';

/**
 * The HTTP API: routes, problem+json errors, a trace per request, its OpenAPI
 * document and page, the storefront, and the operators' routes. `client` is
 * the module giving it a RequestClient (RequestClientModule in the app, a fake
 * in tests); the dead-letter operations come from RuntimeModule (a fake in tests too).
 */
@Module({})
export class ApiModule implements NestModule {
  static register(requests: GatewayRequests, client: DynamicModule, pages: GatewayPages = { jaegerUiUrl: DEFAULT_JAEGER_UI_URL }): DynamicModule {
    return {
      module: ApiModule,
      imports: [client],
      controllers: [
        OrdersController,
        CustomersController,
        ProductsController,
        OpenApiController,
        StorefrontController,
        RestockController,
        ProductTimelineController,
        DeadLettersController,
      ],
      providers: [
        { provide: GATEWAY_REQUESTS, useValue: requests },
        // Read as gateway.module reads its settings: the namespace of the topics the operations touch.
        { provide: OPERATED_TOPICS, useFactory: () => operatedTopics(gatewayConfig.load().SHOP_TOPIC_NAMESPACE) },
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
