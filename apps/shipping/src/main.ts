import '@shop/runtime/tracing/register';
import { ConfigError, loadConfig, runService, serviceConfigSchema } from '@shop/runtime';
import { shippingConfigSchema } from './config/shipping-config.js';
import { ShippingModule } from './shipping.module.js';

// Shipping's own settings are checked with the service's before anything starts, every problem named at once.
try {
  loadConfig(serviceConfigSchema.extend(shippingConfigSchema.shape));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`[${process.env.SERVICE_NAME ?? 'shipping'}] ${error.message}\n`);
  process.exit(1);
}

await runService(ShippingModule);
