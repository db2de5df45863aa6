// One app under the supervisor: started, restarted with backoff when it
// exits, given up on when it keeps crashing, stopped on request.

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CrashHistory, type RestartPolicy } from './restart-policy.ts';
import type { AppRecord, AppState } from './run-state.ts';

export interface AppSpec {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  port?: number;
  /** Polled after each start: the app is up once it answers 200. */
  healthUrl?: string;
  /** Where its output is appended, unprefixed. */
  log: string;
}

/** Where an app's lines go: the supervisor prefixes them and copies them to the app's log. */
export interface AppOutput {
  line(app: string, text: string): void;
  note(app: string, text: string): void;
}

const STOP_TIMEOUT_MS = 15_000;
const HEALTH_POLL_MS = 250;

export class SupervisedApp {
  readonly record: AppRecord;
  private readonly spec: AppSpec;
  private readonly output: AppOutput;
  private readonly changed: () => void;
  private readonly history: CrashHistory;
  private child?: ChildProcess;
  private startedAt = 0;
  private restartTimer?: NodeJS.Timeout;
  private stopping = false;
  private exited?: Promise<void>;

  constructor(spec: AppSpec, output: AppOutput, changed: () => void, policy?: RestartPolicy) {
    this.spec = spec;
    this.output = output;
    this.changed = changed;
    this.history = new CrashHistory(policy);
    this.record = {
      state: 'starting',
      since: new Date().toISOString(),
      restarts: 0,
      log: spec.log,
      ...(spec.port !== undefined && { port: spec.port }),
      ...(spec.healthUrl !== undefined && { healthUrl: spec.healthUrl }),
    };
  }

  get name(): string {
    return this.spec.name;
  }

  get state(): AppState {
    return this.record.state;
  }

  start(): void {
    const { spec } = this;
    // Its own process group: Ctrl-C in the terminal reaches the supervisor, which stops the apps in order.
    const child = spawn(spec.command, spec.args, { env: spec.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.child = child;
    this.startedAt = Date.now();
    this.set('starting', { pid: child.pid });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on('line', (text) => this.output.line(spec.name, text));
    }
    child.on('error', (error) => this.output.note(spec.name, `could not start: ${error.message}`));
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(this.onExit(child, code, signal))));
    void this.waitUntilHealthy(child);
  }

  /** SIGTERM (its graceful shutdown), SIGKILL after 15 s; no restart after this. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) {
      if (this.record.state !== 'failed') this.set('stopped');
      return;
    }
    this.set('stopping', { pid: child.pid });
    child.kill('SIGTERM');
    const killer = setTimeout(() => {
      this.output.note(this.spec.name, `did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
      child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(killer);
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (child !== this.child) return;
    const at = new Date();
    this.record.lastExit = { code, signal, at: at.toISOString() };
    const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
    if (this.stopping) {
      this.set('stopped');
      return;
    }
    const ranForMs = at.getTime() - this.startedAt;
    const decision = this.history.exited(at.getTime(), ranForMs);
    if (!decision.restart) {
      const reason = `${how}; gave up after ${decision.crashesInWindow} exits in a row (see ${this.spec.log})`;
      this.output.note(this.spec.name, reason);
      this.set('failed', { reason });
      return;
    }
    this.output.note(this.spec.name, `${how} after ${seconds(ranForMs)}; restarting in ${seconds(decision.delayMs)}`);
    this.set('restarting');
    this.restartTimer = setTimeout(() => {
      this.record.restarts += 1;
      this.start();
    }, decision.delayMs);
  }

  private async waitUntilHealthy(child: ChildProcess): Promise<void> {
    const url = this.spec.healthUrl;
    while (child === this.child && child.exitCode === null && child.signalCode === null && !this.stopping) {
      if (!url || (await answers200(url))) {
        if (this.record.state === 'starting') this.set('up', { pid: child.pid });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
    }
  }

  private set(state: AppState, fields: Pick<AppRecord, 'pid' | 'reason'> = {}): void {
    delete this.record.pid;
    delete this.record.reason;
    Object.assign(this.record, { state, since: new Date().toISOString() }, fields);
    this.changed();
  }
}

async function answers200(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);
