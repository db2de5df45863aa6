import pg from 'pg';

/**
 * A statement's value as node-postgres sends it, as Prisma's raw queries
 * send it: a Date as its ISO instant (UTC; node-postgres would write the
 * machine's local time, which a `timestamp` column, Prisma's DateTime, keeps
 * without its offset), a BigInt as its digits. Arrays, objects (as JSON) and
 * the rest node-postgres writes itself.
 */
export function toPgParameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const { builtins } = pg.types;

/** A `timestamp` (without time zone) column's text, read as the UTC instant Prisma stored. */
function utcTimestamp(text: string): Date {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

const RESULT_PARSERS = new Map<number, (text: string) => unknown>([
  [builtins.TIMESTAMP, utcTimestamp],
  [builtins.INT8, (text) => BigInt(text)],
]);

/** How result columns are read (node-postgres `types`): as Prisma's raw queries read them (see SqlTransaction). */
export const PG_RESULT_TYPES = {
  getTypeParser: ((oid: number, format?: string) =>
    (format !== 'binary' && RESULT_PARSERS.get(oid)) || pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};
