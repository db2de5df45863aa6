import type { ParseIssue } from '@shop/event-contracts';
import { z } from 'zod';
import { traceIdSchema } from '../tracing/trace-id.js';

/** One bad input: a body path like `items.0.quantity`, a path parameter or a header. */
export const fieldErrorSchema = z.object({
  field: z.string().min(1).describe('A body path like items.0.quantity, a path parameter (id) or a header (Idempotency-Key).'),
  message: z.string().min(1),
});

export type FieldError = z.infer<typeof fieldErrorSchema>;

/** An RFC 9457 problem detail: the body of every error response (application/problem+json), as ProblemFilter writes it. */
export const problemBodySchema = z
  .object({
    type: z.string().min(1).describe('/problems/<kind> for the gateway’s own problems; about:blank when the status says it all.'),
    title: z.string().min(1),
    status: z.int().min(400).max(599),
    detail: z.string().optional(),
    instance: z.string().optional().describe('The request path.'),
    traceId: traceIdSchema.optional(),
    errors: z.array(fieldErrorSchema).optional().describe('For a 400: every bad field at once.'),
  })
  .describe('An RFC 9457 problem detail.');

/** A problem as handlers raise it; ProblemFilter adds `instance` and `traceId`. */
export type Problem = Omit<z.infer<typeof problemBodySchema>, 'instance' | 'traceId'>;

/** Thrown by handlers; ProblemFilter answers with its problem and headers. */
export class ProblemException extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(problem.detail ?? problem.title);
  }
}

export const Problems = {
  invalid: (errors: FieldError[], detail = 'The request has invalid fields; see errors.') =>
    new ProblemException({ type: '/problems/invalid-request', title: 'Invalid request', status: 400, detail, errors }),
  notFound: (detail: string) => new ProblemException({ type: '/problems/not-found', title: 'Not found', status: 404, detail }),
  conflict: (detail: string) => new ProblemException({ type: '/problems/conflict', title: 'Conflict', status: 409, detail }),
  unavailable: (detail: string, retryAfterSeconds: number) =>
    new ProblemException(
      { type: '/problems/service-unavailable', title: 'Service unavailable', status: 503, detail },
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  badGateway: (detail: string) => new ProblemException({ type: '/problems/bad-gateway', title: 'Bad gateway', status: 502, detail }),
  methodNotAllowed: (method: string, path: string, allowed: readonly string[]) =>
    new ProblemException(
      { type: '/problems/method-not-allowed', title: 'Method not allowed', status: 405, detail: `${path} takes ${allowed.join(', ')}, not ${method}.` },
      { Allow: allowed.join(', ') },
    ),
  payloadTooLarge: (limitBytes: number) =>
    new ProblemException({ type: '/problems/payload-too-large', title: 'Payload too large', status: 413, detail: `The body is larger than ${limitBytes} bytes.` }),
  unsupportedMediaType: (detail: string) =>
    new ProblemException({ type: '/problems/unsupported-media-type', title: 'Unsupported media type', status: 415, detail }),
} as const;

/** Renames of issue paths to what the client sent: `{ orderId: 'id' }`, `{ idempotencyKey: 'Idempotency-Key' }`. */
export type FieldNames = Readonly<Record<string, string>>;

/** The issues of a failed parse as field errors; the root of a body is called `body`. */
export function fieldErrors(issues: readonly ParseIssue[], names: FieldNames = {}): FieldError[] {
  return issues.map(({ path, message }) => ({ field: names[path] ?? (path === '(root)' ? 'body' : path), message }));
}
