import type { ParseIssue } from '@shop/event-contracts';

/** One bad input: a body path like `items.0.quantity`, a path parameter or a header. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem detail, the body of every error response (application/problem+json). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

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
} as const;

/** Renames of issue paths to what the client sent: `{ orderId: 'id' }`, `{ idempotencyKey: 'Idempotency-Key' }`. */
export type FieldNames = Readonly<Record<string, string>>;

/** The issues of a failed parse as field errors; the root of a body is called `body`. */
export function fieldErrors(issues: readonly ParseIssue[], names: FieldNames = {}): FieldError[] {
  return issues.map(({ path, message }) => ({ field: names[path] ?? (path === '(root)' ? 'body' : path), message }));
}
