import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { shippingConfig } from './config/shipping-config.js';
import { ShippingModule } from './shipping.module.js';

await runService(ShippingModule, { config: shippingConfig });
