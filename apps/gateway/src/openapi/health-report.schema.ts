import { z } from 'zod';

const upOrDown = z.enum(['up', 'down']);

/**
 * What the runtime's `/health` answers (its HealthReport type, which has no zod
 * schema of its own); open objects, as the runtime may add details.
 */
export const healthReportSchema = z
  .looseObject({
    status: upOrDown.describe('up when every dependency answers; the HTTP status is then 200, else 503.'),
    service: z.string(),
    checks: z
      .record(z.string(), z.looseObject({ status: upOrDown, latencyMs: z.number().min(0), error: z.string().optional() }))
      .describe(
        'Each dependency by name: database, kafka, replies:<group> (request-reply), event-feed:<group> (the consumer of the ' +
          'shop’s events that keeps the catalog cache and feeds the order streams; while it is down, catalog reads pass through to ' +
          'the inventory and order streams are refused).',
      ),
    breakers: z
      .record(
        z.string(),
        z.looseObject({
          state: z.enum(['closed', 'open', 'halfOpen']),
          stats: z.looseObject({ failures: z.int(), successes: z.int(), timeouts: z.int(), rejects: z.int() }),
        }),
      )
      .optional()
      .describe('Each circuit breaker, by name (request:<pattern>); informational, never affects status.'),
  })
  .describe('Readiness of the gateway: its database, Kafka, its reply consumer and its catalog cache’s consumer.');

export const livenessSchema = z.object({ status: z.literal('up') });
