import { orderTimelineSchema } from '@shop/event-contracts';
import { z } from 'zod';

/** GET /orders/:id/timeline: history's entries, and whether history has recorded the order at all yet. */
export const orderTimelineResponseSchema = orderTimelineSchema.extend({
  recorded: z
    .boolean()
    .describe('false while history has not recorded any event of the order yet (just placed): entries is empty then, and fills shortly.'),
});

export type OrderTimelineResponse = z.infer<typeof orderTimelineResponseSchema>;
