import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { gatewayConfig } from './config/gateway-config.js';
import { GatewayModule } from './gateway.module.js';
import { GATEWAY_APP_OPTIONS } from './http/gateway-app-options.js';

await runService(GatewayModule, { config: gatewayConfig, appOptions: GATEWAY_APP_OPTIONS });
