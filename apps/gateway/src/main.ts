import { runService } from '@shop/runtime';
import { GatewayModule } from './gateway.module.js';

await runService(GatewayModule);
