import { Module } from '@nestjs/common';
import { DatabaseModule, RequestClientModule, RuntimeModule } from '@shop/runtime';
import { ApiModule } from './api.module.js';
import { gatewayConfig } from './config/gateway-config.js';
import { PrismaClient } from './generated/prisma/client.js';
import { gatewayRequests } from './requests/gateway-requests.js';

// Read when the module is defined: RequestClientModule takes its timeout and contracts as values.
const settings = gatewayConfig.load();
const requests = gatewayRequests(settings.SHOP_TOPIC_NAMESPACE);

@Module({
  imports: [
    RuntimeModule,
    // No table of its own is used (the order service owns idempotency); kept for /health's database check.
    DatabaseModule.forRoot(PrismaClient),
    ApiModule.register(
      requests,
      RequestClientModule.forRoot({ requests: Object.values(requests), timeoutMs: settings.GATEWAY_REQUEST_TIMEOUT_MS }),
      { pages: { jaegerUiUrl: settings.JAEGER_UI_URL }, bodyLimitBytes: settings.GATEWAY_BODY_LIMIT_BYTES },
    ),
  ],
})
export class GatewayModule {}
