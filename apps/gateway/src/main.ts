import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { GatewayModule } from './gateway.module.js';

await runService(GatewayModule);
