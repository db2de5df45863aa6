import '@shop/runtime/tracing/register';
import { runService } from '@shop/runtime';
import { ShippingModule } from './shipping.module.js';

await runService(ShippingModule);
