// The processes of the running infrastructure, found as the native scripts
// leave them: pid files under the shop's state folder (.local/run), the
// postmaster's pid file and its children. Shared by the benchmarks that
// measure every process of the demo (peak memory, CPU per order).
//
// The state folder is the repository's .local, or SHOP_STATE as infra/lib/common.sh
// reads it; SHOP_LOCAL_DIR wins over both, for a benchmark run from a second
// checkout (a git worktree) against the infrastructure another one started.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot, SERVICES } from './native-shop.ts';

export const localDir = (): string => process.env.SHOP_LOCAL_DIR ?? process.env.SHOP_STATE ?? path.join(repoRoot, '.local');

export interface ShopProcess {
  pid: number;
  /** The app's service name, or kafka, postgres, jaeger, mailpit, slack-sink. */
  component: string;
  what: string;
}

export function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return ''; // gone (exited), or not ours to read
  }
}

export const cmdline = (pid: number): string => safeRead(`/proc/${pid}/cmdline`).replaceAll('\0', ' ').trim();

export function pidFile(file: string): number | undefined {
  const pid = Number(safeRead(file).split('\n')[0]);
  return pid > 0 ? pid : undefined;
}

/** The shop's own databases, one per service: shop_<service>. */
export const shopDatabases = (): string[] => SERVICES.map((service) => `shop_${service.replaceAll('-', '_')}`);

export interface PostgresProcess {
  pid: number;
  what: string;
  /** A backend's database and its client's TCP port; absent for the postmaster and its helpers. */
  backend?: { database: string; clientPort: number | undefined };
}

/**
 * Where the cluster's data lives: <state>/postgres/data, unless infra/postgres/postgres.sh
 * had to put it elsewhere (recorded in <state>/postgres.location).
 */
export function postgresDataDir(local = localDir()): string {
  const moved = safeRead(path.join(local, 'postgres.location')).trim();
  return path.join(moved || path.join(local, 'postgres'), 'data');
}

/** The postmaster and every child it has now: helpers and all backends, whichever database. */
export function allPostgresProcesses(local = localDir()): PostgresProcess[] {
  const dataDir = postgresDataDir(local);
  const postmaster = pidFile(path.join(dataDir, 'postmaster.pid'));
  if (!postmaster || !cmdline(postmaster)) throw new Error(`PostgreSQL is not running (no ${dataDir}/postmaster.pid): ./shop infra start`);
  const children = fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => /^PPid:\s+(\d+)/m.exec(safeRead(`/proc/${pid}/status`))?.[1] === String(postmaster));
  return [
    { pid: postmaster, what: 'postmaster' },
    ...children.map((pid): PostgresProcess => {
      // "postgres: checkpointer", or for a backend "postgres: <role> <database> <client>(<port>) <state>".
      const title = cmdline(pid).replace(/^postgres:\s*/, '');
      const backend = /^(\S+) (\S+) (\S+?)\((\d+)\)/.exec(title) ?? /^(\S+) (\S+) (\[local\])/.exec(title);
      if (backend) return { pid, what: `backend ${backend[2]}`, backend: { database: backend[2]!, clientPort: backend[4] ? Number(backend[4]) : undefined } };
      return { pid, what: title.split(' ').slice(0, 3).join(' ') };
    }),
  ];
}

/** PostgreSQL: the postmaster, its helper processes, and the backends of the shop's own databases. */
export function postgresProcesses(): { pid: number; what: string }[] {
  const databases = shopDatabases();
  return allPostgresProcesses()
    .filter((p) => !p.backend || databases.includes(p.backend.database))
    .map(({ pid, what }) => ({ pid, what }));
}

/** Every process of the infrastructure: Kafka's JVM, PostgreSQL (as postgresProcesses), Jaeger, Mailpit, the Slack sink. */
export function infrastructure(postgres: () => { pid: number; what: string }[] = postgresProcesses): ShopProcess[] {
  const fromPidFile = (component: string, file: string, what: string) => {
    const pid = pidFile(path.join(localDir(), 'run', file));
    if (!pid || !cmdline(pid)) throw new Error(`${component} is not running (${path.join(localDir(), 'run', file)}): ./shop infra start`);
    return { pid, component, what };
  };
  return [
    fromPidFile('kafka', 'kafka.pid', 'broker + controller JVM'),
    ...postgres().map((p) => ({ pid: p.pid, what: p.what, component: 'postgres' })),
    fromPidFile('jaeger', 'jaeger.pid', 'all-in-one, memory storage'),
    fromPidFile('mailpit', 'mailpit.pid', 'SMTP + UI'),
    fromPidFile('slack-sink', 'slack-sink.pid', 'node infra/slack-sink/slack-sink.ts'),
  ];
}

/** A value from /proc/<pid>/status in kB (VmHWM, VmRSS), or undefined once the process has exited. */
export function statusField(pid: number, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(safeRead(`/proc/${pid}/status`));
  return match ? Number(match[1]) : undefined;
}
