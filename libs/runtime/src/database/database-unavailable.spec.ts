import { isDatabaseUnavailable } from './database-unavailable.js';

const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:55432`), { code, errno: -111, syscall: 'connect' });
const prismaError = (code: string, meta: Record<string, unknown> = {}) => Object.assign(new Error('Invalid `prisma.$transaction()` invocation'), { code, meta });
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error('DriverAdapterError'), { name: 'DriverAdapterError', cause });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['Prisma: cannot reach the server', prismaError('P1001')],
    ['Prisma: the server closed the connection', prismaError('P1017')],
    ['Prisma: no pooled connection in time', prismaError('P2024')],
    ['the adapter: not reachable', prismaError('P2010', { driverAdapterError: adapterError({ kind: 'DatabaseNotReachable' }) })],
    ['the adapter: connection closed, as a cause', new Error('wrapped', { cause: adapterError({ kind: 'ConnectionClosed' }) })],
    ['the server shutting down (57P01)', prismaError('P2010', { driverAdapterError: adapterError({ kind: 'postgres', code: '57P01', originalCode: '57P01' }) })],
    ['the server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03', severity: 'FATAL' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006', severity: 'FATAL' })],
    ['pg: the socket ended', new Error('Connection terminated unexpectedly')],
    ['pg: a broken client used again', new Error('Client has encountered a connection error and is not queryable')],
    ['Prisma: a transaction could not start in time', Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' })],
  ])('is true for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', prismaError('P2002')],
    ['a syntax error (42601)', Object.assign(new Error('syntax error at or near "SELEC"'), { code: '42601', severity: 'ERROR' })],
    ['a deadlock, which a retry resolves like any failure (40P01)', Object.assign(new Error('deadlock detected'), { code: '40P01', severity: 'ERROR' })],
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['something that is not an error', 'down'],
  ])('is false for %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
