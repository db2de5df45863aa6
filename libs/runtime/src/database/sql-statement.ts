/** A Prisma.sql fragment (sql-template-tag's Sql): its text's pieces, with a value (or a fragment) between each two. */
interface SqlFragment {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

/**
 * A tagged template's, or a Prisma.sql fragment's, statement for
 * node-postgres: the text with `$1`, `$2`… where the values were, and the
 * values; a fragment among the values becomes part of the text, its own
 * values numbered in turn. Fragments are recognised by their shape rather
 * than as instances of a class: a Prisma client loaded as CommonJS and the
 * runtime as an ES module each have their own copy of it.
 */
export function sqlStatement(query: readonly string[] | SqlFragment, values: readonly unknown[] = []): { text: string; values: unknown[] } {
  const parameters: unknown[] = [];
  const write = ({ strings, values }: SqlFragment): string =>
    strings.reduce((text, piece, i) => {
      const value = values[i - 1];
      return text + (isSqlFragment(value) ? write(value) : `$${parameters.push(value)}`) + piece;
    });
  const text = isSqlFragment(query) ? write(query) : write({ strings: query, values });
  return { text, values: parameters };
}

function isSqlFragment(value: unknown): value is SqlFragment {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Array.isArray((value as SqlFragment).strings) &&
    Array.isArray((value as SqlFragment).values)
  );
}
