import { z } from 'zod';
import { eventIdSchema, eventTypeSchema, orderIdSchema } from '../../fields/identifiers.js';
import { nonEmptyText } from '../../fields/text.js';
import { isoDateTimeSchema } from '../../fields/timestamps.js';
import { defineRequest } from '../define-request.js';
import { RequestPatterns } from '../request-patterns.js';

/** One recorded event, as the history read model stored it. */
export const timelineEntrySchema = z.object({
  eventId: eventIdSchema,
  type: eventTypeSchema,
  source: nonEmptyText(200).describe('The ce_source, e.g. /shop/order.'),
  time: isoDateTimeSchema,
  summary: nonEmptyText(200).optional().describe('A short human line, e.g. "Order confirmed: EUR 44.99".'),
  data: z.record(z.string(), z.unknown()).describe('The event data; parse it with the contract of its type.'),
});

export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

/** An order's recorded events, in the order they happened (ce_time, then event id). */
export const orderTimelineSchema = z.object({ orderId: orderIdSchema, entries: z.array(timelineEntrySchema) });

/** Replies NOT_FOUND when no event of the order was recorded. */
export const getOrderTimelineRequest = defineRequest({
  pattern: RequestPatterns.getOrderTimeline,
  request: z.object({ orderId: orderIdSchema }),
  reply: orderTimelineSchema,
});
