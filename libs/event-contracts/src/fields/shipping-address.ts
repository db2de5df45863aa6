import { z } from 'zod';
import { nonEmptyText } from './text.js';

export const shippingAddressSchema = z
  .object({
    name: nonEmptyText(200).describe('The recipient, as printed on the parcel.'),
    line1: nonEmptyText(200),
    line2: nonEmptyText(200).optional(),
    city: nonEmptyText(100),
    postalCode: nonEmptyText(20),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe('ISO 3166-1 alpha-2 country code, e.g. DE.'),
  })
  .describe('Where the order is shipped.');

export type ShippingAddress = z.infer<typeof shippingAddressSchema>;
