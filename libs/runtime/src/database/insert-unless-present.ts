import type { SqlExecutor } from '../messaging/sql-executor.js';

/**
 * `INSERT … ON CONFLICT DO NOTHING` of one row into a service's own table: true
 * when the row was inserted, false when a row with its key was there already.
 *
 * Prisma's `createMany({ data: [row], skipDuplicates: true })` says the same, but
 * Prisma compiles a createMany anew on every call (its query plan cache leaves
 * createMany out): 12% of history's CPU, which inserts one row for every event
 * (`./shop bench profile`, the `(wasm)` share). This is one statement with no
 * compiling. `model` is the Prisma model's name, which is its table's (no
 * `@@map`, no `@map` on the columns); columns left out take their defaults;
 * objects and arrays are written as JSON (the model's `Json` columns).
 */
export async function insertUnlessPresent(db: SqlExecutor, model: string, row: Record<string, unknown>): Promise<boolean> {
  const columns = Object.keys(row).filter((column) => row[column] !== undefined);
  const placeholders = columns.map((_, i) => `$${i + 1}`);
  const inserted = await db.$executeRawUnsafe(
    `INSERT INTO ${identifier(model)} (${columns.map(identifier).join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT DO NOTHING`,
    ...columns.map((column) => parameter(row[column])),
  );
  return inserted === 1;
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A Date goes as a timestamp; an object or array as its JSON text, which PostgreSQL reads into the jsonb column. */
function parameter(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}
