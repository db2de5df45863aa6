import { parseProcStat, parseStartTicks, processAgeS } from './proc-stat.ts';

// A real line (a node process), fields 14-17: utime 1523, stime 312, cutime 7, cstime 2.
const NODE = '4242 (node) S 4200 4242 4200 0 -1 4194560 25430 0 0 0 1523 312 7 2 20 0 11 0 123456 1234567890 45678 18446744073709551615 1 1 0 0 0 0 0 16781312 17256 0 0 0 17 1 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads utime+stime (fields 14, 15), stime alone, and cutime+cstime (16, 17)', () => {
    expect(parseProcStat(NODE)).toEqual({ self: 1835, kernel: 312, reaped: 9 });
  });

  it('counts the fields from the last parenthesis: a command name may hold spaces and parentheses', () => {
    const odd = NODE.replace('(node)', '(postgres: shop (x) idle)');
    expect(parseProcStat(odd)).toEqual({ self: 1835, kernel: 312, reaped: 9 });
  });

  it('refuses what is not a stat line', () => {
    expect(() => parseProcStat('nonsense')).toThrow('not a /proc/<pid>/stat line');
    expect(() => parseProcStat('1 (x) S 1 2')).toThrow('field 14 is not a number');
  });
});

describe('parseStartTicks', () => {
  it('reads when the process started (field 22), counted from the last parenthesis', () => {
    expect(parseStartTicks(NODE)).toBe(123456);
    expect(parseStartTicks(NODE.replace('(node)', '(a (b) c)'))).toBe(123456);
  });
});

describe('processAgeS', () => {
  it('is how long this process has run, and undefined for one that is gone', () => {
    const age = processAgeS(process.pid, 100)!;
    expect(age).toBeGreaterThanOrEqual(0);
    expect(age).toBeLessThan(process.uptime() + 1);
    expect(processAgeS(2 ** 22 + 1, 100)).toBeUndefined();
  });
});
