// What the supervisor of `./shop up` writes about the apps it runs, and what
// `./shop status` and `./shop chaos` read: one JSON file, replaced atomically.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export type AppState = 'starting' | 'up' | 'restarting' | 'stopping' | 'stopped' | 'failed';

export interface AppRecord {
  state: AppState;
  /** The process now running (starting, up, stopping). */
  pid?: number;
  /** When the app entered this state. */
  since: string;
  restarts: number;
  port?: number;
  healthUrl?: string;
  log: string;
  lastExit?: { code: number | null; signal: string | null; at: string };
  /** Why it is failed: the supervisor gave up on it. */
  reason?: string;
}

export interface RunState {
  supervisorPid: number;
  startedAt: string;
  apps: Record<string, AppRecord>;
}

export function writeRunState(file: string, state: RunState): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

/** The last state written, or undefined when no run wrote one. */
export function readRunState(file: string): RunState | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunState;
  } catch {
    return undefined;
  }
}

export function processAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
