import { z } from 'zod';
import { skuSchema } from '../../fields/identifiers.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';
import { timelineEntrySchema } from './get-order-timeline.request.js';

/** Bounds one reply (a Kafka message): a product's latest entries. */
export const MAX_PRODUCT_TIMELINE_ENTRIES = 100;

/**
 * The recorded events about a product that belong to no order (its restocks),
 * oldest first, the latest MAX_PRODUCT_TIMELINE_ENTRIES of them. A sku with
 * none gets an empty list, not NOT_FOUND: history does not own the catalog, so
 * it cannot tell an unknown sku from a product never restocked.
 */
export const getProductTimelineRequest = defineRequest({
  pattern: RequestPatterns.getProductTimeline,
  request: z.object({ sku: skuSchema }),
  reply: z.object({ sku: skuSchema, entries: z.array(timelineEntrySchema).max(MAX_PRODUCT_TIMELINE_ENTRIES) }),
});
