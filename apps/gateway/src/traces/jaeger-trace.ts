import { z } from 'zod';

/** A tag or log field of Jaeger's query API: a typed key-value. */
const jaegerKeyValueSchema = z.object({
  key: z.string(),
  type: z.string().optional(),
  value: z.union([z.string(), z.number(), z.boolean()]),
});

/**
 * What the trace view reads of Jaeger's `GET /api/traces/<traceId>` (its
 * internal HTTP API, the one Jaeger's own UI reads: v1 JSON, times in
 * microseconds since the epoch). Anything else in the answer is ignored.
 */
export const jaegerTracesAnswerSchema = z.object({
  data: z
    .array(
      z.object({
        traceID: z.string(),
        spans: z.array(
          z.object({
            spanID: z.string(),
            operationName: z.string(),
            references: z.array(z.object({ refType: z.string(), traceID: z.string(), spanID: z.string() })).nullish(),
            startTime: z.number(),
            duration: z.number(),
            tags: z.array(jaegerKeyValueSchema).nullish(),
            logs: z.array(z.object({ timestamp: z.number(), fields: z.array(jaegerKeyValueSchema).nullish() })).nullish(),
            processID: z.string(),
            warnings: z.array(z.string()).nullish(),
          }),
        ),
        processes: z.record(z.string(), z.object({ serviceName: z.string() })),
        warnings: z.array(z.string()).nullish(),
      }),
    )
    .nullable(),
});

export type JaegerTrace = NonNullable<z.infer<typeof jaegerTracesAnswerSchema>['data']>[number];
export type JaegerSpan = JaegerTrace['spans'][number];
export type JaegerKeyValue = z.infer<typeof jaegerKeyValueSchema>;
