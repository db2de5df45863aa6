import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { shippingConfigSchema } from './config/shipping-config.js';
import { ShippingModule } from './shipping.module.js';

await runService(ShippingModule, { configSchema: shippingConfigSchema });
