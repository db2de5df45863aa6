// The supervisor of `./shop up`: runs every app, prefixes their output (and
// appends it to .local/logs/<app>.log; with replicas <app>#<k>), restarts an app that exits with
// backoff, gives up on one that keeps crashing without stopping the others,
// and on Ctrl-C, SIGTERM, SIGHUP or a closed output pipe stops them all.
// It records each app's state for `./shop status` (.local/run/apps.json).
//
// Dependency-free, erasable TypeScript: `node infra/supervisor/supervisor.ts`
// (infra/up.sh runs it). `--spec <file>` runs the apps a JSON file describes
// (tests); without it, the shop's own apps from infra/lib/services.sh, with
// SHOP_REPLICAS=N N replicas of each and HAProxy (./shop up --replicas N).
// `--print-spec` prints what it would run and starts nothing.

import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { APP_ENTRY } from '../../tools/services/services.mjs';
import { DEFAULT_RESTART_POLICY, type RestartPolicy } from './restart-policy.ts';
import { type RunState, writeRunState } from './run-state.ts';
import { type AppOutput, type AppSpec, SupervisedApp } from './supervised-app.ts';

export interface SupervisorSpec {
  apps: AppSpec[];
  /** Where the run state is written for `./shop status`. */
  stateFile: string;
  restartPolicy?: Partial<RestartPolicy>;
}

const COLORS = [31, 32, 33, 34, 35, 36, 91, 92, 93, 94];
const NAME_WIDTH = 14;

/** Prefixed lines on stdout (colored on a terminal), the app's own lines in its log file. */
class PrefixedOutput implements AppOutput {
  private readonly prefixes = new Map<string, string>();
  private readonly logs = new Map<string, WriteStream>();
  private readonly closed: () => void;
  private open = true;

  constructor(apps: AppSpec[], closed: () => void) {
    this.closed = closed;
    for (const { name, log } of apps) {
      mkdirSync(path.dirname(log), { recursive: true });
      this.logs.set(name, createWriteStream(log, { flags: 'a' }));
    }
    const color = process.stdout.isTTY;
    const width = Math.max(NAME_WIDTH, ...apps.map(({ name }) => name.length));
    apps.forEach(({ name }, i) => {
      const label = `${name.padEnd(width)}|`;
      this.prefixes.set(name, color ? `\u001b[${COLORS[i % COLORS.length]}m${label}\u001b[0m ` : `${label} `);
    });
    // The reader went away (`./shop up | head`, a closed terminal): stop everything rather than run unseen.
    process.stdout.on('error', () => this.close());
  }

  line(app: string, text: string): void {
    this.toLog(app, text);
    this.write(`${this.prefixes.get(app) ?? ''}${text}\n`);
  }

  note(app: string, text: string): void {
    this.line(app, `[supervisor] ${text}`);
  }

  say(text: string): void {
    this.write(`[up] ${text}\n`);
  }

  private toLog(app: string, text: string) {
    this.logs.get(app)?.write(`${text}\n`);
  }

  /** Flushes the log files. */
  async end(): Promise<void> {
    await Promise.all([...this.logs.values()].map((log) => new Promise((resolve) => log.end(resolve))));
  }

  private write(text: string) {
    if (!this.open) return;
    try {
      process.stdout.write(text);
    } catch {
      this.close();
    }
  }

  private close() {
    if (!this.open) return;
    this.open = false;
    this.closed();
  }
}

class Supervisor {
  private readonly spec: SupervisorSpec;
  private readonly apps: SupervisedApp[];
  private readonly output: PrefixedOutput;
  private readonly startedAt = new Date().toISOString();
  private announcedUp = false;
  private shuttingDown?: Promise<void>;

  constructor(spec: SupervisorSpec) {
    this.spec = spec;
    this.output = new PrefixedOutput(spec.apps, () => void this.shutdown('the output pipe closed'));
    const policy = { ...DEFAULT_RESTART_POLICY, ...spec.restartPolicy };
    this.apps = spec.apps.map((app) => new SupervisedApp(app, this.output, () => this.changed(), policy));
  }

  run(): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void this.shutdown(signal));
    for (const app of this.apps) app.start();
    this.changed();
  }

  private changed(): void {
    const state: RunState = {
      supervisorPid: process.pid,
      startedAt: this.startedAt,
      apps: Object.fromEntries(this.apps.map((app) => [app.name, app.record])),
    };
    writeRunState(this.spec.stateFile, state);
    if (this.shuttingDown) return;
    if (!this.announcedUp && this.apps.every((app) => app.state === 'up')) {
      this.announcedUp = true;
      const ports = this.apps.map((app) => `${app.name}:${app.record.port ?? '-'}`).join(' ');
      this.output.say(`all up: ${ports} (Ctrl-C stops everything; ./shop status in another terminal)`);
    }
    if (this.apps.every((app) => app.state === 'failed')) {
      this.output.say('every app has failed; stopping');
      void this.shutdown('every app failed', 1);
    }
  }

  private shutdown(why: string, exitCode = 0): Promise<void> {
    this.shuttingDown ??= (async () => {
      this.output.say(`stopping the apps (${why})`);
      await Promise.all(this.apps.map((app) => app.stop()));
      this.output.say('apps stopped');
      await this.output.end();
      process.exit(exitCode);
    })();
    return this.shuttingDown;
  }
}

/**
 * The shop's own apps, their environment and Node flags, from the native run's scripts; with
 * SHOP_REPLICAS=N (./shop up --replicas N) N replicas of each, named order#1, order#2, ...,
 * and HAProxy in front of the gateway's (infra/haproxy/haproxy.sh).
 */
function shopSpec(): SupervisorSpec {
  const root = path.resolve(import.meta.dirname, '../..');
  // One shell for everything (each one reads every app's manifest): the settings, a line each, then
  // for every replica a "@@ <replica> <service>" line followed by its environment.
  const output = execFileSync(
    'bash',
    [
      '-c',
      `source "${root}/infra/lib/common.sh"; source "${root}/infra/lib/services.sh"; source "${root}/infra/haproxy/haproxy.sh"
      printf '%s\\n' "$SHOP_RUN" "$SHOP_LOGS" "$SHOP_NODE_OPTIONS" "$SHOP_REPLICAS" "\${SHOP_SERVICE_PORT[$SHOP_EDGE_SERVICE]}" "$HAPROXY_BIN" "$HAPROXY_CONFIG" "$HAPROXY_HEALTH_PATH"
      for service in "\${SHOP_SERVICES[@]}"; do
        for ((k = 1; k <= SHOP_REPLICAS; k++)); do echo "@@ $(replica_name "$service" "$k") $service"; app_process_env "$service" "$k"; done
      done`,
    ],
    { encoding: 'utf8' },
  );
  const [settings, ...replicas] = output.split(/^@@ /m);
  const [runDir, logDir, nodeOptions, count, edgePort, haproxyBin, haproxyConfig, haproxyHealthPath] = settings!.trimEnd().split('\n');
  const apps: AppSpec[] = replicas.map((block) => {
    const [header, ...lines] = block.split('\n').filter(Boolean);
    const [name, service] = header!.split(' ');
    const env = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    const port = Number(env.PORT);
    return {
      name: name!,
      command: process.execPath,
      args: [...nodeOptions!.split(/\s+/).filter(Boolean), path.join(root, 'apps', service!, APP_ENTRY)],
      env: { ...(process.env as Record<string, string>), ...env },
      port,
      healthUrl: `http://127.0.0.1:${port}/health`,
      log: path.join(logDir!, `${name}.log`),
    };
  });
  if (Number(count) > 1) {
    // In the foreground (-db), so that it is supervised like an app; up.sh wrote and checked its configuration.
    const port = Number(edgePort);
    apps.push({
      name: 'haproxy',
      command: haproxyBin!,
      args: ['-db', '-f', haproxyConfig!],
      env: process.env as Record<string, string>,
      port,
      healthUrl: `http://127.0.0.1:${port}${haproxyHealthPath}`,
      log: path.join(logDir!, 'haproxy.log'),
    });
  }
  return { stateFile: path.join(runDir!, 'apps.json'), apps };
}

const specFlag = process.argv.indexOf('--spec');
const spec: SupervisorSpec = specFlag >= 0 ? JSON.parse(readFileSync(process.argv[specFlag + 1]!, 'utf8')) : shopSpec();
// --print-spec: what it would run, as JSON, and nothing started (tests; a look at the replicas' ports).
if (process.argv.includes('--print-spec')) process.stdout.write(`${JSON.stringify(spec, null, 2)}\n`);
else new Supervisor(spec).run();
