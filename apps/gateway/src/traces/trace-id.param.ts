import { Problems } from '../problem/problem.js';
import { traceIdSchema } from '../tracing/trace-id.js';

/** The `traceId` of a path, checked: 32 lower-case hex digits (a W3C trace id, as X-Trace-Id gives it), else a 400 naming it. */
export function checkedTraceId(traceId: string): string {
  if (!traceIdSchema.safeParse(traceId).success) {
    throw Problems.invalid([{ field: 'traceId', message: 'expected a trace id: 32 lower-case hex digits, as in X-Trace-Id' }]);
  }
  return traceId;
}
