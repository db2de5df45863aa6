import type { ParseIssue, ParseResult } from '@shop/event-contracts';

/** One input of a request: its parse, and the name its issues take when it is a path parameter or a header. */
export interface RequestPart<Data> {
  result: ParseResult<Data>;
  /** Every issue of this part is named so (`sku`, `group`); without it, issues keep their path (a body's `quantity`). */
  as?: string;
}

type DataOf<Parts> = { [Name in keyof Parts]: Parts[Name] extends RequestPart<infer Data> ? Data : never };

/** The parts' data by name, or every issue of every part at once, so one 400 names all that is wrong. */
export function parseAll<Parts extends Record<string, RequestPart<unknown>>>(parts: Parts): ParseResult<DataOf<Parts>> {
  const issues: ParseIssue[] = Object.values(parts).flatMap(({ result, as }) =>
    result.success ? [] : result.issues.map(({ path, message }) => ({ path: as ?? path, message })),
  );
  if (issues.length > 0) return { success: false, error: issues.map(({ path, message }) => `${path}: ${message}`).join('; '), issues };
  const data = Object.fromEntries(Object.entries(parts).map(([name, { result }]) => [name, (result as { data: unknown }).data]));
  return { success: true, data: data as DataOf<Parts> };
}
