import { z } from 'zod';
import { skuSchema } from './identifiers.js';
import { nonEmptyText } from './text.js';
import { amountCentsSchema, currencySchema } from './money.js';

export const quantitySchema = z.int().positive().describe('A number of units, at least 1.');

/** What the customer asked for. Prices are owned by the inventory, so an order item carries none. */
export const orderItemSchema = z.object({ sku: skuSchema, quantity: quantitySchema });

export type OrderItem = z.infer<typeof orderItemSchema>;

/** A line as priced by the inventory when it reserved the stock. */
export const pricedLineSchema = z.object({
  sku: skuSchema,
  name: nonEmptyText(200).describe('The product name at reservation time, for e-mails and the read model.'),
  quantity: quantitySchema,
  unitPriceCents: amountCentsSchema,
});

export type PricedLine = z.infer<typeof pricedLineSchema>;

/** One sku at most once per list, so no consumer ever has to merge lines. */
export function withDistinctSkus<Item extends z.ZodType<{ sku: string }>>(lines: z.ZodArray<Item>): z.ZodArray<Item> {
  return lines.superRefine((items, context) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.sku)) {
        context.addIssue({ code: 'custom', path: [index, 'sku'], message: `duplicate sku ${item.sku}` });
      }
      seen.add(item.sku);
    });
  });
}

export const MAX_LINES_PER_ORDER = 100;

export const orderItemsSchema = withDistinctSkus(z.array(orderItemSchema).min(1).max(MAX_LINES_PER_ORDER));

export const pricedLinesSchema = withDistinctSkus(z.array(pricedLineSchema).min(1).max(MAX_LINES_PER_ORDER));

/** The fields of a priced order, spread into every schema that carries prices. */
export const pricedOrderShape = {
  lines: pricedLinesSchema,
  currency: currencySchema,
  totalCents: amountCentsSchema.describe('The sum of quantity × unitPriceCents over the lines.'),
};

/** Refinement for schemas with pricedOrderShape: the total must be what the lines add up to. */
export function totalMatchesLines(
  order: { lines: readonly PricedLine[]; totalCents: number },
  context: z.RefinementCtx,
): void {
  const sum = order.lines.reduce((total, line) => total + line.quantity * line.unitPriceCents, 0);
  if (sum !== order.totalCents) {
    context.addIssue({ code: 'custom', path: ['totalCents'], message: `expected ${sum}, the sum of the lines` });
  }
}
