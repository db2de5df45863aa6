import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { InventoryModule } from './inventory.module.js';

// servesRequests: the gateway lists the catalog over Kafka request-reply.
await runService(InventoryModule, { servesRequests: true });
