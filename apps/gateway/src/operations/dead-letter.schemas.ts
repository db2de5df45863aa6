import { EVENT_TOPICS, type Topic } from '@shop/event-contracts';
import { DEAD_LETTER_POSITION_PATTERN, DEAD_LETTER_REASONS } from '@shop/runtime';
import { z } from 'zod';

/** An event topic of the contracts: dead letters are per source topic and consumer group. */
export const eventTopicSchema = z
  .enum(EVENT_TOPICS as [Topic, ...Topic[]])
  .describe('An event topic of the shop, e.g. shop.order.events (the contracts’ topics; anything else is refused).');

/**
 * A consumer group: a service's name (inventory, history, …) or a subscriber's.
 * Groups cannot be listed ahead (a new subscriber brings its own), so the shape
 * is checked here and an unknown group is a 404: it has no dead-letter topic.
 * Bounded so `<topic>.dlq.<group>` stays a legal Kafka topic name (249 characters).
 */
export const consumerGroupSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .describe('A consumer group, e.g. inventory: letters, digits, ".", "_" and "-".');

export const DEFAULT_DEAD_LETTER_PAGE = 20;
export const MAX_DEAD_LETTER_PAGE = 100;

export const pageLimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(MAX_DEAD_LETTER_PAGE)
  .default(DEFAULT_DEAD_LETTER_PAGE)
  .describe(`How many dead letters at most, 1 to ${MAX_DEAD_LETTER_PAGE}.`);

export const pageAfterSchema = z
  .string()
  .regex(DEAD_LETTER_POSITION_PATTERN)
  .describe('The `next` of the previous page (`<partition>:<offset>`): this page starts after it.');

export const deadLetterReasonSchema = z.enum(DEAD_LETTER_REASONS);

/** POST …/replay: what to replay. No body at all replays every dead letter not replayed yet. */
export const replayBodySchema = z
  .object({
    dryRun: z.boolean().optional().describe('Count what a replay would republish, publishing and committing nothing.'),
    pastWindow: z
      .boolean()
      .optional()
      .describe(
        "Replay even dead letters of events older than the inbox's deduplication window (SHOP_INBOX_WINDOW_S); without it such a replay is refused (409) and publishes nothing.",
      ),
    reasons: z
      .array(deadLetterReasonSchema)
      .min(1)
      .max(DEAD_LETTER_REASONS.length)
      .optional()
      .describe(
        'Replay only the dead letters that failed for these reasons (say handler-failed, once the bug is fixed). ' +
          'The others are skipped, and, like every dead letter a replay reads, not read by a later replay.',
      ),
  })
  .optional()
  .transform((body) => body ?? {});

export const deadLetterSchema = z.object({
  partition: z.int().min(0).describe('With offset, where it is in the dead-letter topic.'),
  offset: z.string().regex(/^\d+$/),
  eventId: z.string().optional().describe('The event’s ce_id; absent when its envelope was what failed.'),
  type: z.string().optional().describe('The event’s ce_type.'),
  key: z.string().optional().describe('The Kafka key: the order id, or a product’s sku.'),
  reason: z.string().describe('Why it was dead-lettered: handler-failed, unprocessable, invalid-envelope, invalid-json or invalid-data.'),
  error: z.string().optional().describe('The last error (at most 1,000 characters).'),
  attempts: z.int().min(0).optional(),
  failedAt: z.string().optional().describe('When the group gave up on it (ISO 8601).'),
  originalTopic: z.string().optional(),
  originalPartition: z.int().min(0).optional(),
  originalOffset: z.string().optional(),
  replayed: z.boolean().describe('Whether a replay republished it already.'),
});

export const deadLetterPageSchema = z.object({
  topic: eventTopicSchema,
  group: consumerGroupSchema,
  deadLetterTopic: z.string().describe('<topic>.dlq.<group>, where the group’s dead letters of the topic are.'),
  total: z.int().min(0).describe('Dead letters in the topic now, replayed or not.'),
  pending: z.int().min(0).describe('Of them, not replayed yet: what a replay would republish.'),
  deadLetters: z.array(deadLetterSchema).max(MAX_DEAD_LETTER_PAGE).describe('In (partition, offset) order.'),
  next: pageAfterSchema.optional().describe('Absent on the last page; else ask again with after=<next>.'),
});

export const replayResultSchema = z.object({
  topic: eventTopicSchema,
  group: consumerGroupSchema,
  deadLetterTopic: z.string(),
  dryRun: z.boolean(),
  replayed: z.int().min(0).describe('Dead letters republished to their topic (for a dry run: that would be).'),
  skipped: z.int().min(0).describe('Dead letters passed over for their reason (see reasons).'),
});
