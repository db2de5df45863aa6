import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { InventoryModule } from './inventory.module.js';

await runService(InventoryModule);
