import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { gatewayConfig } from './config/gateway-config.js';
import { GatewayModule } from './gateway.module.js';

await runService(GatewayModule, { config: gatewayConfig });
