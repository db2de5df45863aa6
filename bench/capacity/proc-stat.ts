// CPU time of a process from /proc/<pid>/stat (proc(5)): utime and stime,
// fields 14 and 15, the time it ran in user and kernel mode; cutime and
// cstime, fields 16 and 17, what its children that exited and were waited for
// ran (PostgreSQL's backends come and go: the postmaster reaps them). All in
// clock ticks (getconf CLK_TCK, normally 100 a second).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export interface CpuTicks {
  /** utime + stime. */
  self: number;
  /** stime alone: the part of `self` spent in the kernel (system calls, and the loopback network they drive). */
  kernel: number;
  /** cutime + cstime: children that exited and were reaped. */
  reaped: number;
}

/**
 * The numeric fields of a /proc/<pid>/stat line, by their number in proc(5).
 * The command name (field 2) is in parentheses and may hold spaces and
 * parentheses itself, so the fields are counted from the last ')'.
 */
function statFields(line: string): (n: number) => number {
  const close = line.lastIndexOf(')');
  if (close < 0) throw new Error(`not a /proc/<pid>/stat line: ${line.slice(0, 80)}`);
  // After ')': field 3 (state) is the first.
  const fields = line.slice(close + 1).trim().split(/\s+/);
  return (n) => {
    const value = Number(fields[n - 3]);
    if (!Number.isInteger(value)) throw new Error(`/proc/<pid>/stat field ${n} is not a number: ${fields[n - 3]}`);
    return value;
  };
}

/** The CPU ticks of a /proc/<pid>/stat line. */
export function parseProcStat(line: string): CpuTicks {
  const field = statFields(line);
  return { self: field(14) + field(15), kernel: field(15), reaped: field(16) + field(17) };
}

/** When the process of a /proc/<pid>/stat line started: field 22, in clock ticks since the machine booted. */
export const parseStartTicks = (line: string): number => statFields(line)(22);

/** The process's /proc/<pid>/stat line, or undefined when it has exited. */
function readStat(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

/** The process's ticks now, or undefined when it has exited. */
export function cpuTicksOf(pid: number): CpuTicks | undefined {
  const line = readStat(pid);
  return line === undefined ? undefined : parseProcStat(line);
}

/** How long the process has been running, in seconds; undefined when it has exited. */
export function processAgeS(pid: number, ticksPerSecond: number): number | undefined {
  const line = readStat(pid);
  if (line === undefined) return undefined;
  const upS = Number(fs.readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return upS - parseStartTicks(line) / ticksPerSecond;
}

/** Clock ticks a second, as the kernel counts them in /proc (getconf CLK_TCK). */
export function clockTicksPerSecond(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    if (ticks > 0) return ticks;
  } catch {
    // getconf missing: Linux's USER_HZ has been 100 on every common architecture
  }
  return 100;
}
