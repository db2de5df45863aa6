import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { HistoryModule } from './history.module.js';

await runService(HistoryModule, { servesRequests: true });
