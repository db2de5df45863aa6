import { createRequire } from 'node:module';

/**
 * @prisma/debug as the apps load it: through @prisma/adapter-pg, which calls it
 * once per query. patches/@prisma__debug@7.10.0.patch makes a call return at once
 * while DEBUG is unset; unpatched, each call kept its arguments (the query and its
 * parameters) in a history of 100 that nothing in the apps reads.
 */
const fromAdapter = createRequire(createRequire(import.meta.url).resolve('@prisma/adapter-pg'));
const fromAdapterUtils = createRequire(fromAdapter.resolve('@prisma/driver-adapter-utils'));
type DebugCall = ((...args: unknown[]) => void) & { log: (...args: unknown[]) => void };
const { Debug, getLogs } = fromAdapterUtils('@prisma/debug') as { Debug: (namespace: string) => DebugCall; getLogs: () => string };

describe('@prisma/debug, as patched', () => {
  const debugBefore = (globalThis as { DEBUG?: string }).DEBUG;
  afterEach(() => {
    (globalThis as { DEBUG?: string }).DEBUG = debugBefore;
  });

  it('keeps nothing of a call while DEBUG is unset', () => {
    (globalThis as { DEBUG?: string }).DEBUG = '';
    const before = getLogs();
    Debug('shop:spec')('[js::query_raw] %O', { sql: 'SELECT $1', args: ['a customer address'] });
    expect(getLogs()).toBe(before);
  });

  it('still logs, and keeps, a call once DEBUG names its namespace', () => {
    const debug = Debug('shop:spec');
    const logged: unknown[][] = [];
    debug.log = (...args) => logged.push(args);
    (globalThis as { DEBUG?: string }).DEBUG = 'shop:*';
    debug('[js::query_raw] %O', { sql: 'SELECT 1' });
    expect(logged).toHaveLength(1);
    expect(getLogs()).toContain('SELECT 1');
  });
});
