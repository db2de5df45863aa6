/**
 * The part of a Prisma client (or of an interactive transaction) the messaging
 * runtime uses. Raw SQL keeps the runtime independent of each service's
 * generated client; the tables come from libs/runtime/prisma/messaging.prisma.
 */
export interface SqlExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}
