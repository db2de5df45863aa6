// `./shop status`, the apps' half (infra/infra.sh status prints the
// infrastructure's): each app's state as the supervisor of `./shop up` last
// recorded it, since when, its restarts, and what its /health says now.
// Exits 0 when every app is up and healthy, 3 otherwise.
//
// Usage: node infra/supervisor/status.ts <run state file>

import { ago, health } from './app-health.ts';
import { type AppRecord, processAlive, readRunState } from './run-state.ts';

function since(record: AppRecord): string {
  const at = new Date(record.since);
  return `${at.toTimeString().slice(0, 8)} (${ago(Date.now() - at.getTime())} ago)`;
}

const stateFile = process.argv[2];
if (!stateFile) throw new Error('usage: status.ts <run state file>');
const run = readRunState(stateFile);
if (!run || !processAlive(run.supervisorPid)) {
  console.log('apps: not running (./shop up starts them)');
  process.exit(3);
}

const rows = await Promise.all(
  Object.entries(run.apps).map(async ([name, record]) => {
    const alive = record.state === 'failed' || record.state === 'stopped' || processAlive(record.pid);
    const state = alive ? record.state : `${record.state}?`;
    const checked = record.state === 'up' || record.state === 'starting' ? await health(record.healthUrl) : '-';
    const port = record.port ? String(record.port) : '-';
    const note = record.reason ?? (record.lastExit ? `last exit ${record.lastExit.signal ?? `code ${record.lastExit.code}`} at ${record.lastExit.at.slice(11, 19)}` : '');
    return { name, port, state, since: since(record), restarts: String(record.restarts), health: checked, note, healthy: record.state === 'up' && checked === 'up' };
  }),
);
const columns = ['name', 'port', 'state', 'since', 'restarts', 'health'] as const;
const widths = columns.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
const line = (cells: readonly string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd();
console.log(line(columns.map((column) => (column === 'name' ? 'app' : column))));
for (const row of rows) console.log(line(columns.map((column) => row[column])) + (row.note ? `  ${row.note}` : ''));
console.log(`supervisor pid ${run.supervisorPid}, running since ${run.startedAt.slice(0, 19).replace('T', ' ')}; logs: .local/logs/<app>.log`);
process.exit(rows.every((row) => row.healthy) ? 0 : 3);
