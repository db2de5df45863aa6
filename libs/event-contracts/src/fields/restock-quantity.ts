import { z } from 'zod';

/**
 * The most units one restock may add. A delivery is counted in hundreds or
 * thousands; a bound far above that still catches a typo's extra zeros, and
 * keeps any stock well inside the 32-bit integer the inventory stores.
 */
export const MAX_RESTOCK_QUANTITY = 1_000_000;

export const restockQuantitySchema = z
  .int()
  .min(1)
  .max(MAX_RESTOCK_QUANTITY)
  .describe(`The units added to the stock: a whole number from 1 to ${MAX_RESTOCK_QUANTITY}.`);
