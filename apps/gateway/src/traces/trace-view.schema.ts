import { z } from 'zod';
import { traceIdSchema } from '../tracing/trace-id.js';

/** One attribute of a span or an event (a Jaeger tag or log field): its value as text, and the type Jaeger gave it. */
export const traceAttributeSchema = z.object({
  key: z.string(),
  value: z.string(),
  type: z.string().describe('string, bool, int64, float64 or binary, as Jaeger says.'),
});

/** Something that happened during a span (an OpenTelemetry event, a Jaeger log): a breaker opening, an exception. */
export const spanEventSchema = z.object({
  offsetUs: z.int().describe('When, in microseconds after the trace’s first span started.'),
  name: z.string().describe('The event’s name (its `event` field), or "log" when it has none.'),
  attributes: z.array(traceAttributeSchema),
});

export const traceSpanSchema = z.object({
  spanId: z.string(),
  parentSpanId: z.string().nullable().describe('The span it is a child of; null for the root (and a parent Jaeger does not have is still named).'),
  service: z.string(),
  operation: z.string(),
  kind: z.string().nullable().describe('server, client, producer, consumer or internal, when the span says.'),
  startUs: z.int().min(0).describe('Microseconds after the trace’s first span started.'),
  durationUs: z.int().min(0),
  error: z.boolean().describe('The span’s status is error (or it carries an `error` tag).'),
  errorMessage: z.string().nullable().describe('Why, when the span says: its status description or an exception’s message.'),
  attributes: z.array(traceAttributeSchema),
  events: z.array(spanEventSchema),
});

/**
 * A trace as the trace view draws it: spans in order of their start, each with
 * its service, parent, offset and duration from the trace's start, its
 * attributes and events; the services it crossed.
 */
export const traceViewSchema = z
  .object({
    traceId: traceIdSchema,
    startTime: z.iso.datetime().describe('When the first span started.'),
    durationUs: z.int().min(0).describe('From the first span’s start to the last one’s end.'),
    services: z.array(z.object({ name: z.string(), spanCount: z.int().min(1), errorCount: z.int().min(0) })).describe('In the order each first appears.'),
    spans: z.array(traceSpanSchema),
    warnings: z.array(z.string()).describe('What Jaeger noted about the trace (a clock skew adjusted, a span without a parent).'),
  })
  .describe('A trace from Jaeger, shaped for the trace view.');

export type TraceView = z.infer<typeof traceViewSchema>;
export type TraceSpan = z.infer<typeof traceSpanSchema>;
export type TraceAttribute = z.infer<typeof traceAttributeSchema>;
