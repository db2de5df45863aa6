/**
 * Whether a span is a database transaction's or statement's: the runtime's
 * (`pg.transaction`, `pg.query`) or Prisma's (`prisma:client:…`). Written
 * inside a transaction, an event's span is the transaction's child, so such
 * spans may stand between a span and its cause.
 */
export function isDatabaseSpan(name: string): boolean {
  return name.startsWith('pg.') || name.startsWith('prisma:');
}
