import { Module } from '@nestjs/common';
import { RequestClientModule, RuntimeModule } from '@shop/runtime';
import { ApiModule } from './api.module.js';
import { gatewayConfig } from './config/gateway-config.js';
import { EventFeedModule } from './events/event-feed.module.js';
import { orderStreamSettingsOf } from './order-streams/order-stream-settings.js';
import { gatewayRequests } from './requests/gateway-requests.js';

// Read when the module is defined: RequestClientModule takes its timeout and contracts as values.
const settings = gatewayConfig.load();
const requests = gatewayRequests(settings.SHOP_TOPIC_NAMESPACE);

@Module({
  imports: [
    // No database: its package.json says "database": false (the order service owns idempotency).
    RuntimeModule,
    ApiModule.register({
      requests,
      client: RequestClientModule.forRoot({ requests: Object.values(requests), timeoutMs: settings.GATEWAY_REQUEST_TIMEOUT_MS }),
      settings,
      events: EventFeedModule.forRoot({
        catalog: { enabled: settings.GATEWAY_CATALOG_CACHE === 'on', maxAgeMs: settings.GATEWAY_CATALOG_CACHE_MAX_AGE_MS },
        streams: orderStreamSettingsOf(settings),
        // The namespace prefixes the events a service consumes too (see the runtime's topic-namespace.ts).
        topicNamespace: settings.SHOP_TOPIC_NAMESPACE,
      }),
    }),
  ],
})
export class GatewayModule {}
