import { SpanKind, type Attributes } from '@opentelemetry/api';
import type { Sql } from '@prisma/client-runtime-utils';
import type pg from 'pg';
import { runtimeTracer } from '../tracing/tracer.js';
import { recordError, withSpan } from '../tracing/with-span.js';
import type { DatabasePool } from './database-pool.js';
import { PG_RESULT_TYPES, toPgParameter } from './pg-values.js';
import { sqlStatement } from './sql-statement.js';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, type SqlTransaction, type TransactionOptions } from './sql-transaction.js';

const DB_ATTRIBUTES: Attributes = { 'db.system.name': 'postgresql' };

/** A transaction that outlived its TransactionOptions.timeout: rolled back, its connection closed. */
export class TransactionTimeoutError extends Error {
  override readonly name = 'TransactionTimeoutError';
}

/**
 * Runs functions in transactions on the service's own connections (BEGIN, the
 * function's statements, COMMIT; ROLLBACK if it throws): the consumer's
 * handlers, and whatever else of a service must write several statements as
 * one. Straight on node-postgres rather than through Prisma's interactive
 * transactions, which cost the client 2.2-2.45× the CPU for the same
 * statements (`./shop bench db-client`); the consumers spend most of theirs in
 * transactions. Statements are prepared once a connection, under the names
 * Prisma's client uses on the same pool (DatabasePool).
 *
 * Traced as Prisma's were: a `pg.transaction` span holding a `pg.query` span
 * for each statement (its SQL in `db.query.text`, never its values); BEGIN
 * and COMMIT have none.
 */
export class SqlTransactions {
  constructor(private readonly database: DatabasePool) {}

  /**
   * `fn`'s statements, committed together when it returns, or none of them
   * if it throws (the error is rethrown). Waits for a connection as the pool
   * does (5 s, then fails). Named as Prisma's client names it, so either is a
   * TransactionalDatabase.
   */
  $transaction<T>(fn: (tx: SqlTransaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    return withSpan('pg.transaction', { attributes: DB_ATTRIBUTES }, async () => {
      const client = await this.database.pool.connect();
      const transaction = new PgTransaction(client, this.database.statementName);
      const timeoutMs = options.timeout ?? DEFAULT_TRANSACTION_TIMEOUT_MS;
      let timedOut: TransactionTimeoutError | undefined;
      // A statement waiting on a lock would wait for ever: closing the connection ends it.
      const expiry = setTimeout(() => {
        timedOut = new TransactionTimeoutError(`transaction timed out after ${timeoutMs} ms`);
        transaction.close(timedOut);
      }, timeoutMs);
      try {
        await client.query('BEGIN');
        const result = await fn(transaction);
        await client.query('COMMIT');
        transaction.close();
        return result;
      } catch (error) {
        if (transaction.isOpen()) {
          await client.query('ROLLBACK').then(
            () => transaction.close(),
            // A connection that cannot even roll back is closed rather than given back to the pool.
            (rollbackFailed: Error) => transaction.close(rollbackFailed),
          );
        }
        throw timedOut ?? error;
      } finally {
        clearTimeout(expiry);
      }
    });
  }
}

function ignoreUntilNextStatement() {}

/** One transaction's statements, on the connection it holds until it closes. */
class PgTransaction implements SqlTransaction {
  private closed?: { because?: Error };

  constructor(
    private readonly client: pg.PoolClient,
    private readonly statementName: (query: { sql: string }) => string | undefined,
  ) {
    // A connection that breaks between two statements (the server restarting) says so here, and node-postgres
    // ends the process for an error nobody listens to; the next statement fails with it, and the transaction with that.
    client.on('error', ignoreUntilNextStatement);
  }

  $queryRaw<T = unknown>(query: TemplateStringsArray | Sql, ...values: unknown[]): Promise<T> {
    const statement = sqlStatement(query, values);
    return this.rows<T>(statement.text, statement.values);
  }

  async $executeRaw(query: TemplateStringsArray | Sql, ...values: unknown[]): Promise<number> {
    const statement = sqlStatement(query, values);
    return (await this.run(statement.text, statement.values)).rowCount ?? 0;
  }

  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T> {
    return this.rows<T>(query, values);
  }

  async $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> {
    return (await this.run(query, values)).rowCount ?? 0;
  }

  isOpen(): boolean {
    return this.closed === undefined;
  }

  /** Gives the connection back to the pool, or closes it when `because` (node-postgres ends a client released with an error). */
  close(because?: Error): void {
    if (this.closed) return;
    this.closed = { because };
    this.client.off('error', ignoreUntilNextStatement);
    this.client.release(because);
  }

  private async rows<T>(text: string, values: readonly unknown[]): Promise<T> {
    return (await this.run(text, values)).rows as T;
  }

  private async run(text: string, values: readonly unknown[]): Promise<pg.QueryResult> {
    if (this.closed) throw this.closed.because ?? new Error('the transaction has ended: its statements must run before it returns');
    const span = runtimeTracer().startSpan('pg.query', {
      kind: SpanKind.CLIENT,
      attributes: { ...DB_ATTRIBUTES, 'db.query.text': text },
    });
    try {
      return await this.client.query({
        name: this.statementName({ sql: text }),
        text,
        values: values.map(toPgParameter),
        types: PG_RESULT_TYPES,
      });
    } catch (error) {
      recordError(span, error);
      throw error;
    } finally {
      span.end();
    }
  }
}
