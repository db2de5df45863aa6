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
  return (await insertAllUnlessPresent(db, model, [row])) === 1;
}

/**
 * insertUnlessPresent for several rows in one statement: how many were
 * inserted (the others' keys were there). Every row gives the same columns.
 */
export async function insertAllUnlessPresent(db: SqlExecutor, model: string, rows: readonly Record<string, unknown>[]): Promise<number> {
  return insertRows(db, 'insertAllUnlessPresent', model, rows, () => 'ON CONFLICT DO NOTHING');
}

/**
 * Writes each row in one statement, inserted or, where a row with its `key`
 * columns is there, updated to it (`INSERT … ON CONFLICT (key) DO UPDATE`):
 * how many rows were written. Every row gives the same columns, the key's
 * among them, and no two rows the same key (PostgreSQL would refuse to update
 * a row twice in one statement). Prisma's `upsert` is one statement a row.
 */
export async function upsertAll(db: SqlExecutor, model: string, key: readonly string[], rows: readonly Record<string, unknown>[]): Promise<number> {
  const keys = new Set(rows.map((row) => JSON.stringify(key.map((column) => row[column]))));
  if (keys.size !== rows.length) throw new Error(`upsertAll(${model}): two rows have the same ${key.join(', ')}`);
  return insertRows(db, 'upsertAll', model, rows, (columns) => {
    const missing = key.filter((column) => !columns.includes(column));
    if (missing.length > 0) throw new Error(`upsertAll(${model}): the rows do not give the key column ${missing.join(', ')}`);
    const updated = columns.filter((column) => !key.includes(column)).map((column) => `${identifier(column)} = EXCLUDED.${identifier(column)}`);
    return `ON CONFLICT (${key.map(identifier).join(', ')}) DO ${updated.length > 0 ? `UPDATE SET ${updated.join(', ')}` : 'NOTHING'}`;
  });
}

/** PostgreSQL's limit on a statement's parameters. */
const MAX_PARAMETERS = 65_535;

/** One `INSERT … VALUES (…), (…) <onConflict>` of the rows, which all give the same columns; none for no rows. */
async function insertRows(
  db: SqlExecutor,
  caller: string,
  model: string,
  rows: readonly Record<string, unknown>[],
  onConflict: (columns: readonly string[]) => string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const definedColumns = (row: Record<string, unknown>) => Object.keys(row).filter((column) => row[column] !== undefined);
  const columns = definedColumns(rows[0]!);
  for (const row of rows) {
    const own = definedColumns(row);
    if (own.length !== columns.length || own.some((column, i) => column !== columns[i])) {
      throw new Error(`${caller}(${model}): every row must give the same columns (${columns.join(', ')}), not ${own.join(', ')}`);
    }
  }
  if (columns.length * rows.length > MAX_PARAMETERS) throw new Error(`${caller}(${model}): ${rows.length} rows exceed PostgreSQL's ${MAX_PARAMETERS} parameters`);
  const tuples = rows.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
  return db.$executeRawUnsafe(
    `INSERT INTO ${identifier(model)} (${columns.map(identifier).join(', ')}) VALUES ${tuples.join(', ')} ${onConflict(columns)}`,
    ...rows.flatMap((row) => columns.map((column) => parameter(row[column]))),
  );
}

function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A Date goes as a timestamp; an object or array as its JSON text, which PostgreSQL reads into the jsonb column. */
function parameter(value: unknown): unknown {
  return value !== null && typeof value === 'object' && !(value instanceof Date) ? JSON.stringify(value) : value;
}
