/** BEGIN, COMMIT, ROLLBACK, savepoints: what preparedStatementNames leaves unnamed. */
const TRANSACTION_CONTROL = /^\s*(BEGIN|START TRANSACTION|COMMIT|END|ROLLBACK|SAVEPOINT|RELEASE|SET TRANSACTION)\b/i;

/**
 * Names for the statements Prisma sends (`statementNameGenerator` of
 * @prisma/adapter-pg), so that each connection has PostgreSQL parse and plan a
 * statement once, then only binds and runs it. Unnamed, every execution is
 * parsed, analysed and planned again: prepared, a consumer's transaction
 * costs PostgreSQL 0.64-0.72× the CPU (`bench/reports/db-client-cost-2026-12-06.md`).
 *
 * A name stands for one text for the life of the process (node-postgres
 * refuses a name reused for another text). The texts an app sends are few
 * (30-60 per service), but a statement with a list of values has one text per
 * length, so past `limit` texts new ones go unnamed: each connection keeps
 * what it prepared, in the server's memory and node-postgres's, until it closes.
 *
 * Transaction control (BEGIN, COMMIT, savepoints) stays unnamed: there is no
 * plan to keep, and pg_stat_statements counts a prepared utility statement
 * once, when it is prepared, so the statements per order that
 * `./shop bench capacity` reads from it would lose every BEGIN and COMMIT.
 */
export function preparedStatementNames(limit = 500): (query: { sql: string }) => string | undefined {
  const names = new Map<string, string>();
  return ({ sql }) => {
    // A text named before is the common case: it is answered before the pattern is tried.
    const known = names.get(sql);
    if (known !== undefined || names.size >= limit || TRANSACTION_CONTROL.test(sql)) return known;
    const name = `shop_${names.size}`;
    names.set(sql, name);
    return name;
  };
}
