import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CustomersController } from './customers/customers.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { ProductsController } from './products/products.controller.js';
import { DownstreamService } from './requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from './requests/gateway-requests.js';
import { TraceMiddleware } from './tracing/trace.middleware.js';

/**
 * The HTTP API: routes, problem+json errors, a trace per request. `client` is
 * the module giving it a RequestClient (RequestClientModule in the app, a fake in tests).
 */
@Module({})
export class ApiModule implements NestModule {
  static register(requests: GatewayRequests, client: DynamicModule): DynamicModule {
    return {
      module: ApiModule,
      imports: [client],
      controllers: [OrdersController, CustomersController, ProductsController],
      providers: [{ provide: GATEWAY_REQUESTS, useValue: requests }, DownstreamService, { provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(TraceMiddleware)
      .exclude({ path: 'health', method: RequestMethod.ALL }, { path: 'health/live', method: RequestMethod.ALL })
      .forRoutes({ path: '*path', method: RequestMethod.ALL });
  }
}
