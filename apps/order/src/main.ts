import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { OrderModule } from './order.module.js';

await runService(OrderModule, { servesRequests: true });
