// The CPU a group of processes used between two readings of /proc/<pid>/stat,
// when processes may come and go between them (PostgreSQL's backends): what
// each process seen at the end ran since the start (since it began, for one
// that appeared), plus what the children that exited in between ran, as their
// parent's cutime+cstime grew when it reaped them, less what those children
// had already run at the start. Exact as long as every process that exits is
// a child of one in the group that is still there (the postmaster).
import { OTHER_BACKENDS } from './components.ts';
import type { CpuTicks } from './proc-stat.ts';

export interface CpuReading {
  pid: number;
  ticks: CpuTicks;
}

export interface CpuDelta {
  ticks: number;
  /** Processes read at both ends. */
  kept: number;
  /** Read at the start only: exited in between (their time comes back through the parent's reaped ticks). */
  exited: number;
  /** Read at the end only: started in between (all their time is counted). */
  appeared: number;
}

export function cpuDelta(start: readonly CpuReading[], end: readonly CpuReading[]): CpuDelta {
  const before = new Map(start.map((reading) => [reading.pid, reading.ticks]));
  const after = new Set(end.map((reading) => reading.pid));
  let ticks = 0;
  let kept = 0;
  let appeared = 0;
  for (const { pid, ticks: now } of end) {
    const then = before.get(pid);
    if (then) {
      kept++;
      ticks += now.self - then.self + (now.reaped - then.reaped);
    } else {
      appeared++;
      ticks += now.self;
    }
  }
  let exited = 0;
  for (const { pid, ticks: then } of start) {
    if (after.has(pid)) continue;
    exited++;
    ticks -= then.self;
  }
  return { ticks, kept, exited, appeared };
}

export const ticksToMs = (ticks: number, ticksPerSecond: number): number => (ticks * 1000) / ticksPerSecond;

/** CPU ms per decided order; undefined when nothing was decided (no figure rather than infinity). */
export const msPerOrder = (cpuMs: number, decided: number): number | undefined => (decided > 0 ? cpuMs / decided : undefined);

export interface ComponentReading extends CpuReading {
  /** An app's service name, kafka, postgres, jaeger, mailpit, slack-sink, bench; OTHER_BACKENDS for backends serving anyone else. */
  component: string;
}


export interface ComponentCpu extends CpuDelta {
  component: string;
}

/**
 * CPU ticks per component. PostgreSQL is accounted as one group (the
 * postmaster reaps every backend, whoever its client was), then the backends
 * of other clients, as far as they were there at the end, are taken out of it
 * and shown on a line of their own.
 */
export function cpuByComponent(start: readonly ComponentReading[], end: readonly ComponentReading[]): ComponentCpu[] {
  const isPostgres = (reading: ComponentReading) => reading.component === 'postgres' || reading.component === OTHER_BACKENDS;
  const components = [...new Set([...start, ...end].filter((reading) => !isPostgres(reading)).map((reading) => reading.component))];
  const result = components.map((component) => ({
    component,
    ...cpuDelta(
      start.filter((reading) => reading.component === component),
      end.filter((reading) => reading.component === component),
    ),
  }));
  if ([...start, ...end].some(isPostgres)) {
    const all = cpuDelta(start.filter(isPostgres), end.filter(isPostgres));
    const othersAtEnd = end.filter((reading) => reading.component === OTHER_BACKENDS);
    const atEnd = new Set(othersAtEnd.map((reading) => reading.pid));
    const others = cpuDelta(
      start.filter((reading) => isPostgres(reading) && atEnd.has(reading.pid)),
      othersAtEnd,
    );
    result.push({ component: 'postgres', ticks: all.ticks - others.ticks, kept: all.kept - others.kept, exited: all.exited, appeared: all.appeared - others.appeared });
    result.push({ component: OTHER_BACKENDS, ...others, exited: 0 });
  }
  return result;
}
