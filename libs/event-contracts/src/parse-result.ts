import type { z } from 'zod';

export interface ParseIssue {
  /** Dotted path of the bad field, e.g. `items.0.quantity`; `(root)` for the value itself. */
  path: string;
  message: string;
}

export type ParseResult<Data> =
  | { success: true; data: Data }
  | { success: false; error: string; issues: ParseIssue[] };

/** Validates without throwing; the error names every bad field, so a log line or a 400 says what to fix. */
export function safeParseWith<Data>(schema: z.ZodType<Data>, data: unknown): ParseResult<Data> {
  const result = schema.safeParse(data);
  if (result.success) return { success: true, data: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  return { success: false, error: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '), issues };
}
