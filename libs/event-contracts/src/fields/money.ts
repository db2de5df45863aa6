import { z } from 'zod';

/** Money is never a float: integer minor units (cents) plus the currency they are in. */
export const amountCentsSchema = z.int().min(0).describe('An amount in minor units (cents), never a float.');

export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/)
  .describe('An ISO 4217 currency code, e.g. EUR.');
