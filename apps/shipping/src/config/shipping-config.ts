import { defineAppConfig } from '@shop/runtime';
import { z } from 'zod';

export const DEFAULT_SHIPPING_COUNTRIES = 'GB,FR,DE,NL,BE,IE,ES,IT,US';

/** Shipping's own settings, validated at start-up with the service's (see main.ts). */
export const shippingConfig = defineAppConfig(
  z.object({
    /** How long a shipment waits between creation and its hand-over to the carrier. */
    SHIPPING_DISPATCH_DELAY_MS: z.coerce.number().int().min(0).max(86_400_000).default(2_000),
    /** ISO 3166-1 alpha-2 codes of the countries the carriers deliver to, comma-separated. */
    SHIPPING_COUNTRIES: z
      .string()
      .default(DEFAULT_SHIPPING_COUNTRIES)
      .transform((list) => list.split(',').map((code) => code.trim().toUpperCase()).filter((code) => code !== ''))
      .pipe(z.array(z.string().regex(/^[A-Z]{2}$/, 'expected ISO 3166-1 alpha-2 codes, e.g. GB,DE')).min(1)),
  }),
);

export type ShippingConfig = z.infer<typeof shippingConfig.schema>;
