/**
 * Whether an error says the database cannot be reached or is restarting, as
 * opposed to the statement being wrong: then the work is tried again once the
 * database is back, uncounted, and nothing is dead-lettered for it.
 *
 * Prisma wraps the driver's error (in `cause`, or `meta.driverAdapterError`);
 * `pg` reports a broken socket by code or, once a client is broken, by message.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causesOf(error).some(saysUnavailable);
}

/** SQLSTATE: class 08 (connection exception), the server shutting down or starting up, out of connections. */
const UNAVAILABLE_SQLSTATE = /^(08...|57P01|57P02|57P03|53300)$/;
/** Node's socket errors. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Prisma: can't reach, timed out, server closed the connection, no connection from the pool in time, transaction could not start in time. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The driver adapter's kinds for the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
/** What `pg` says of a socket that broke, and of a client used after that. */
const PG_MESSAGES = [
  'Connection terminated',
  'is not queryable',
  'timeout exceeded when trying to connect',
  'Unable to start a transaction in the given time',
];

function saysUnavailable(candidate: Record<string, unknown>): boolean {
  const code = typeof candidate.code === 'string' ? candidate.code : undefined;
  const originalCode = typeof candidate.originalCode === 'string' ? candidate.originalCode : undefined;
  if (code && (SOCKET_CODES.has(code) || PRISMA_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code))) return true;
  if (originalCode && UNAVAILABLE_SQLSTATE.test(originalCode)) return true;
  if (typeof candidate.kind === 'string' && ADAPTER_KINDS.has(candidate.kind)) return true;
  const message = typeof candidate.message === 'string' ? candidate.message : '';
  return PG_MESSAGES.some((text) => message.includes(text));
}

/** The error, its causes and the driver error Prisma keeps in `meta`, a few levels deep. */
function causesOf(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown, depth: number) => {
    if (!value || typeof value !== 'object' || depth > 5 || found.includes(value as Record<string, unknown>)) return;
    const candidate = value as Record<string, unknown>;
    found.push(candidate);
    visit(candidate.cause, depth + 1);
    visit((candidate.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
  };
  visit(error, 0);
  return found;
}
