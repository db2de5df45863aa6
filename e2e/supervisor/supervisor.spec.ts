import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processAlive, readRunState, type RunState } from '../../infra/supervisor/run-state.ts';
import type { SupervisorSpec } from '../../infra/supervisor/supervisor.ts';
import { stopChild } from '../support/stop-child.js';
import { waitFor } from '../support/wait-for.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const PORT_BASE = 3330;

/** The supervisor of `./shop up`, on stand-in apps, with a short restart policy. */
function supervise(apps: { name: string; env?: Record<string, string> }[]) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shop-supervisor-'));
  const spec: SupervisorSpec = {
    stateFile: path.join(dir, 'apps.json'),
    restartPolicy: { initialDelayMs: 100, maxDelayMs: 400, maxCrashes: 3, crashWindowMs: 60_000 },
    apps: apps.map(({ name, env = {} }, i) => ({
      name,
      command: process.execPath,
      args: [path.join(import.meta.dirname, 'fake-app.mjs')],
      env: { PATH: process.env.PATH!, FAKE_PORT: String(PORT_BASE + i), ...env },
      port: PORT_BASE + i,
      healthUrl: `http://127.0.0.1:${PORT_BASE + i}/health`,
      log: path.join(dir, `${name}.log`),
    })),
  };
  writeFileSync(path.join(dir, 'spec.json'), JSON.stringify(spec));
  const child = spawn(process.execPath, [path.join(repoRoot, 'infra/supervisor/supervisor.ts'), '--spec', path.join(dir, 'spec.json')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const state = () => readRunState(spec.stateFile);
  return {
    child,
    spec,
    state,
    appLog: (name: string) => readFileSync(path.join(dir, `${name}.log`), 'utf8'),
    until: (description: string, accept: (state: RunState) => boolean, timeoutMs = 15_000) =>
      waitFor(description, async () => {
        const current = state();
        return current && accept(current) ? current : undefined;
      }, { timeoutMs, intervalMs: 50 }),
    /** The supervisor writes its output and its state file separately, so a test that saw the state waits for the line too. */
    untilPrinted: (pattern: RegExp, timeoutMs = 5_000) =>
      waitFor(`output to match ${pattern}`, async () => {
        if (!pattern.test(output)) throw new Error(`printed so far:\n${output}`);
        return output;
      }, { timeoutMs, intervalMs: 20 }),
  };
}

const allUp = (state: RunState) => Object.values(state.apps).every((app) => app.state === 'up');
const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('the supervisor of ./shop up', () => {
  let running: ReturnType<typeof supervise> | undefined;
  afterEach(async () => {
    await stopChild(running?.child);
    running = undefined;
  });

  it('restarts a killed app with backoff, logs it in the app\'s stream, and leaves the others alone', async () => {
    running = supervise([{ name: 'alpha' }, { name: 'beta' }]);
    const before = await running.until('both apps up', allUp);
    await running.untilPrinted(/\[up\] all up: alpha:3330 beta:3331/);

    process.kill(before.apps.alpha!.pid!, 'SIGKILL');
    const after = await running.until('alpha back up', (s) => s.apps.alpha!.state === 'up' && s.apps.alpha!.restarts === 1);

    expect(after.apps.alpha!.pid).not.toBe(before.apps.alpha!.pid);
    expect(after.apps.alpha!.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect(after.apps.beta).toMatchObject({ state: 'up', pid: before.apps.beta!.pid, restarts: 0 });
    await running.untilPrinted(/^alpha\s+\| \[supervisor\] was killed by SIGKILL after .*; restarting in 0\.1 s$/m);
    expect(running.appLog('alpha')).toContain('fake app listening on 3330');
  });

  it('gives up on an app that keeps crashing, says why, and keeps the others running', async () => {
    running = supervise([{ name: 'steady' }, { name: 'crashy', env: { FAKE_CRASH_AFTER_MS: '50' } }]);
    const state = await running.until('crashy to be given up on', (s) => s.apps.crashy!.state === 'failed');

    expect(state.apps.crashy!.reason).toMatch(/^exited with code 3; gave up after 3 exits in a row \(see .*crashy\.log\)$/);
    expect(state.apps.crashy!.restarts).toBe(2);
    expect(state.apps.steady!.state).toBe('up');
    expect(processAlive(state.apps.steady!.pid)).toBe(true);
    await running.untilPrinted(/^crashy\s+\| \[supervisor\] exited with code 3; gave up after 3 exits in a row/m);
  });

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('stops every app on %s, then exits 0', async (signal) => {
    running = supervise([{ name: 'alpha' }, { name: 'beta' }]);
    const { apps } = await running.until('both apps up', allUp);
    const exit = exited(running.child);
    running.child.kill(signal);

    expect(await exit).toBe(0);
    expect([apps.alpha!.pid, apps.beta!.pid].filter(processAlive)).toEqual([]);
    expect(Object.values(running.state()!.apps).map((app) => app.state)).toEqual(['stopped', 'stopped']);
  });

  it('stops every app when the reader of its output goes away (`./shop up | head`)', async () => {
    running = supervise([{ name: 'chatty', env: { FAKE_CHATTER_MS: '100' } }, { name: 'quiet' }]);
    const { apps } = await running.until('both apps up', allUp);
    const exit = exited(running.child);
    running.child.stdout!.destroy();

    expect(await exit).toBe(0);
    expect([apps.chatty!.pid, apps.quiet!.pid].filter(processAlive)).toEqual([]);
  });
});
