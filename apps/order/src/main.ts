import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { orderConfig } from './config/order-config.js';
import { OrderModule } from './order.module.js';

await runService(OrderModule, { servesRequests: true, config: orderConfig });
