import { z } from 'zod';
import { skuSchema } from './identifiers.js';
import { MAX_LINES_PER_ORDER, quantitySchema } from './order-lines.js';

export const stockShortageSchema = z.object({
  sku: skuSchema,
  requested: quantitySchema,
  available: z.int().min(0).describe('Units in stock when the reservation was tried; less than requested.'),
});

export type StockShortage = z.infer<typeof stockShortageSchema>;

/** Why stock could not be reserved: too few units, or skus the catalog does not know. */
export const stockRefusalShape = {
  shortages: z.array(stockShortageSchema).max(MAX_LINES_PER_ORDER),
  unknownSkus: z.array(skuSchema).max(MAX_LINES_PER_ORDER),
};

export function refusalHasACause(
  refusal: { shortages: readonly StockShortage[]; unknownSkus: readonly string[] },
  context: z.RefinementCtx,
): void {
  if (refusal.shortages.length === 0 && refusal.unknownSkus.length === 0) {
    const message = 'a refusal names at least one shortage or unknown sku';
    context.addIssue({ code: 'custom', path: ['shortages'], message });
  }
  refusal.shortages.forEach((shortage, index) => {
    if (shortage.available >= shortage.requested) {
      const path = ['shortages', index, 'available'];
      context.addIssue({ code: 'custom', path, message: 'must be less than requested' });
    }
  });
}
