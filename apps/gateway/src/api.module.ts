import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, ModulesContainer } from '@nestjs/core';
import { HealthController } from '@shop/runtime';
import { Public } from './auth/access.js';
import { AccessGuard } from './auth/access.guard.js';
import { Authenticator } from './auth/caller.js';
import { SignInController } from './auth/sign-in.controller.js';
import { DEVELOPMENT, gatewayConfig, type GatewaySettings } from './config/gateway-config.js';
import { CustomersController } from './customers/customers.controller.js';
import { ClientErrorAnswer } from './http/client-error.answer.js';
import { BODY_LIMIT_BYTES, JsonBodyMiddleware } from './http/json-body.middleware.js';
import { MethodNotAllowedMiddleware } from './http/method-not-allowed.middleware.js';
import { PathParametersMiddleware } from './http/path-parameters.middleware.js';
import { ROUTE_TABLE, routeTableOf } from './http/route-table.js';
import { OpenApiController } from './openapi/openapi.controller.js';
import { DeadLettersController } from './operations/dead-letters.controller.js';
import { OPERATED_TOPICS, operatedTopics } from './operations/operated-topics.js';
import { ProductTimelineController } from './operations/product-timeline.controller.js';
import { RestockController } from './operations/restock.controller.js';
import { EventFeedModule } from './events/event-feed.module.js';
import { OrdersController } from './orders/orders.controller.js';
import { assetSources } from './pages/asset-sources.js';
import { AssetsController } from './pages/assets.controller.js';
import { GATEWAY_PAGES } from './pages/gateway-pages.js';
import { StaticAssets } from './pages/static-assets.js';
import { ProblemFilter } from './problem/problem.filter.js';
import { ProductsController } from './products/products.controller.js';
import { RateLimitGuard } from './rate-limit/rate-limit.guard.js';
import { DownstreamService } from './requests/downstream.service.js';
import { GATEWAY_REQUESTS, type GatewayRequests } from './requests/gateway-requests.js';
import { StorefrontController } from './storefront/storefront.controller.js';
import { JaegerQueryClient } from './traces/jaeger-query.client.js';
import { TracesController } from './traces/traces.controller.js';
import { TraceMiddleware } from './tracing/trace.middleware.js';

// Probes carry no credentials.
Public()(HealthController);

export interface ApiOptions {
  requests: GatewayRequests;
  /** The module giving the API a RequestClient (RequestClientModule in the app, a fake in tests). */
  client: DynamicModule;
  settings: GatewaySettings;
  /** The module giving the API its CatalogCache and OrderStreamHub (EventFeedModule.forRoot in the app). */
  events?: DynamicModule;
}

/**
 * The HTTP API: routes, who may call them (AccessGuard) and how often
 * (RateLimitGuard, first, so refused credentials are counted too),
 * problem+json errors, a trace per request, its OpenAPI document and page,
 * the storefront, the trace view (from Jaeger's query API), and the operators' routes. The dead-letter operations come
 * from RuntimeModule (a fake in tests); `events` is the module giving it the
 * CatalogCache and the OrderStreamHub (EventFeedModule.forRoot in the app; by
 * default a cache that stays off, so every read asks the inventory, and a hub
 * that refuses streams, fed by nothing). Create the app with
 * GATEWAY_APP_OPTIONS: this module reads the request bodies.
 */
@Module({})
export class ApiModule implements NestModule {
  static register({
    requests,
    client,
    settings,
    events = EventFeedModule.withParts(settings),
  }: ApiOptions): DynamicModule {
    return {
      module: ApiModule,
      imports: [client, events],
      controllers: [
        OrdersController,
        CustomersController,
        ProductsController,
        OpenApiController,
        StorefrontController,
        AssetsController,
        RestockController,
        ProductTimelineController,
        DeadLettersController,
        TracesController,
        ...(settings.DEPLOYMENT_ENVIRONMENT === DEVELOPMENT ? [SignInController] : []),
      ],
      providers: [
        { provide: GATEWAY_REQUESTS, useValue: requests },
        { provide: gatewayConfig.token, useValue: settings },
        // The namespace of the topics the operations touch.
        { provide: OPERATED_TOPICS, useValue: operatedTopics(settings.SHOP_TOPIC_NAMESPACE) },
        { provide: GATEWAY_PAGES, useValue: { jaegerUiUrl: settings.JAEGER_UI_URL } },
        // Read once, at start-up: a missing file stops the gateway there rather than on a page's first load.
        { provide: StaticAssets, useFactory: () => new StaticAssets(assetSources()) },
        Authenticator,
        { provide: BODY_LIMIT_BYTES, useValue: settings.GATEWAY_BODY_LIMIT_BYTES },
        { provide: ROUTE_TABLE, useFactory: routeTableOf, inject: [ModulesContainer] },
        DownstreamService,
        JaegerQueryClient,
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
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
