// What a shop started by `./shop up` costs, read from /proc: every process
// found in its state folder (the apps and HAProxy in the supervisor's run
// state, every Kafka node, Jaeger, Mailpit and the Slack sink by their pid
// files, PostgreSQL's postmaster and its children), grouped by part.
import fs from 'node:fs';
import path from 'node:path';
import { readRunState } from '../../infra/supervisor/run-state.ts';
import { clockTicksPerSecond, cpuTicksOf } from '../capacity/proc-stat.ts';
import { allPostgresProcesses, cmdline, pidFile, safeRead } from '../shop-processes.ts';

export const PARTS = ['apps', 'kafka', 'postgres', 'others'] as const;
export type Part = (typeof PARTS)[number];
export type ByPart = Record<Part, number>;

interface PartProcess {
  pid: number;
  part: Part;
}

function processesOf(state: string): PartProcess[] {
  const run = path.join(state, 'run');
  const apps = Object.entries(readRunState(path.join(run, 'apps.json'))?.apps ?? {}).flatMap(([name, app]) =>
    app.pid ? [{ pid: app.pid, part: name === 'haproxy' ? ('others' as const) : ('apps' as const) }] : [],
  );
  const pidFiles = fs.readdirSync(run).filter((file) => file.endsWith('.pid') && file !== 'up.pid');
  const infrastructure = pidFiles.flatMap((file) => {
    const pid = pidFile(path.join(run, file));
    if (!pid || !cmdline(pid)) return [];
    return [{ pid, part: file.startsWith('kafka') ? ('kafka' as const) : ('others' as const) }];
  });
  const postgres = allPostgresProcesses(state).map(({ pid }) => ({ pid, part: 'postgres' as const }));
  return [...apps, ...infrastructure, ...postgres];
}

const zero = (): ByPart => ({ apps: 0, kafka: 0, postgres: 0, others: 0 });

/** The CPU ticks of each process now; a later `cpuMsSince` gives what each part used in between. */
export class CpuWindow {
  private readonly start = new Map<number, { part: Part; ticks: number }>();

  constructor(private readonly state: string) {
    for (const { pid, part } of processesOf(state)) {
      const ticks = cpuTicksOf(pid);
      // Reaped children count too: PostgreSQL's backends that came and went, a JVM's helpers.
      if (ticks) this.start.set(pid, { part, ticks: ticks.self + ticks.reaped });
    }
  }

  /** CPU ms of each part since the window opened, over the processes alive at both ends. */
  cpuMsSince(): ByPart {
    const perTick = 1_000 / clockTicksPerSecond();
    const used = zero();
    for (const { pid, part } of processesOf(this.state)) {
      const before = this.start.get(pid);
      const now = cpuTicksOf(pid);
      if (before && now) used[part] += (now.self + now.reaped - before.ticks) * perTick;
    }
    return used;
  }
}

/** A process's proportional set size in kB: its private pages, and its share of those it shares (0 once it has exited). */
function pssKb(pid: number): number {
  return Number(/^Pss:\s+(\d+) kB/m.exec(safeRead(`/proc/${pid}/smaps_rollup`))?.[1] ?? 0);
}

/**
 * Memory of each part now, MB, as PSS: what the processes cost together. Their
 * RSS would count PostgreSQL's shared buffers once per backend and the Node
 * binary's pages once per app (two replicas would look twice as heavy as they are).
 */
export function pssMb(state: string): ByPart {
  const memory = zero();
  for (const { pid, part } of processesOf(state)) memory[part] += pssKb(pid) / 1024;
  return memory;
}

export const total = (byPart: ByPart): number => PARTS.reduce((sum, part) => sum + byPart[part], 0);
