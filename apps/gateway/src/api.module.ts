import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, ModulesContainer } from '@nestjs/core';
import { CustomersController } from './customers/customers.controller.js';
import { ClientErrorAnswer } from './http/client-error.answer.js';
import { BODY_LIMIT_BYTES, DEFAULT_BODY_LIMIT_BYTES, JsonBodyMiddleware } from './http/json-body.middleware.js';
import { MethodNotAllowedMiddleware } from './http/method-not-allowed.middleware.js';
import { PathParametersMiddleware } from './http/path-parameters.middleware.js';
import { ROUTE_TABLE, routeTableOf } from './http/route-table.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { OrdersController } from './orders/orders.controller.js';
import { DEFAULT_JAEGER_UI_URL, GATEWAY_PAGES, type GatewayPages } from './pages/gateway-pages.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { ProductsController } from './products/products.controller.js';
import { DownstreamService } from './requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from './requests/gateway-requests.js';
import { StorefrontController } from './storefront/storefront.controller.js';
import { TraceMiddleware } from './tracing/trace.middleware.js';

export interface ApiSettings {
  pages: GatewayPages;
  /** The largest request body read (GATEWAY_BODY_LIMIT_BYTES); larger ones get a 413. */
  bodyLimitBytes: number;
}

const DEFAULT_SETTINGS: ApiSettings = { pages: { jaegerUiUrl: DEFAULT_JAEGER_UI_URL }, bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES };

/**
 * The HTTP API: routes, problem+json errors, a trace per request, its OpenAPI
 * document and page, and the storefront. `client` is the module giving it a
 * RequestClient (RequestClientModule in the app, a fake in tests). Create the
 * app with GATEWAY_APP_OPTIONS: this module reads the request bodies.
 */
@Module({})
export class ApiModule implements NestModule {
  static register(requests: GatewayRequests, client: DynamicModule, settings: Partial<ApiSettings> = {}): DynamicModule {
    const { pages, bodyLimitBytes } = { ...DEFAULT_SETTINGS, ...settings };
    return {
      module: ApiModule,
      imports: [client],
      controllers: [OrdersController, CustomersController, ProductsController, OpenApiController, StorefrontController],
      providers: [
        { provide: GATEWAY_REQUESTS, useValue: requests },
        { provide: GATEWAY_PAGES, useValue: pages },
        { provide: BODY_LIMIT_BYTES, useValue: bodyLimitBytes },
        { provide: ROUTE_TABLE, useFactory: routeTableOf, inject: [ModulesContainer] },
        DownstreamService,
        { provide: APP_FILTER, useClass: ProblemFilter },
        ClientErrorAnswer,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // In this order, for every request of the app (the health probes' and unknown paths' too): the trace
    // first, so every answer names it; then 405 for a known path's unknown method; the path's parameters; the body.
    // '/' mounts them on every path without a path parameter, which Express would percent-decode (and fail on
    // "%ZZ") before they ran; a wildcard such as '{*path}' has one.
    consumer.apply(TraceMiddleware, MethodNotAllowedMiddleware, PathParametersMiddleware, JsonBodyMiddleware).forRoutes('/');
  }
}
