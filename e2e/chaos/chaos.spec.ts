import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { processAlive, readRunState } from '../../infra/supervisor/run-state.ts';
import { NativeInstance } from '../support/native-instance.js';
import { ShopUp } from '../support/shop-up.js';
import { waitFor } from '../support/wait-for.js';
import { runChaosKeepingEverything } from './chaos-expectations.js';
import { DEFAULT_OPTIONS } from './chaos-run.js';
import { NativeTarget } from './chaos-target.js';

/**
 * Against a whole shop of the test's own, started the way a user starts it
 * (`./shop up | tee`, its own Kafka, PostgreSQL, Jaeger, Mailpit and Slack
 * sink, on ports moved by 5600): first `./shop smoke`, as a user runs it (the
 * hosted workflow runs it against the compose demo; here it costs seconds on a
 * shop that is up anyway), then `./shop chaos`, smaller: every app is
 * SIGKILLed once, PostgreSQL and Kafka restart, SMTP and Slack fail, the
 * broker hangs, while orders flow; then everything is counted. Last, Ctrl-C.
 */
function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const repoRoot = path.resolve(import.meta.dirname, '../..');
const instance = new NativeInstance(5600);

describe('chaos: the whole shop under faults', () => {
  let shop: ShopUp | undefined;

  beforeAll(async () => {
    await instance.resolve();
    shop = await ShopUp.start(instance);
  }, 320_000);

  afterAll(async () => {
    await shop?.stop('SIGTERM');
    await instance.dispose();
  }, 120_000);

  it('passes ./shop smoke: signed in, an order SHIPPED, its trace with spans of every app, its e-mails', async () => {
    const { gatewayUrl, mailpitUrl } = await NativeTarget.open(instance.env);
    const { stdout } = await promisify(execFile)('./shop', ['smoke', gatewayUrl, '--jaeger', instance.settings.JAEGER_QUERY_URL!, '--mailpit', mailpitUrl], {
      cwd: repoRoot,
      env: instance.env,
    }).catch((error: Error & { stdout?: string; stderr?: string }) => {
      throw new Error(`${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    });
    const passed = [...stdout.matchAll(/^\[smoke\] ok +(.+?) +\d+\.\d\d s {2}/gm)].map((match) => match[1]);
    expect(passed).toEqual(['sign-in', 'product', 'order placed', 'order shipped', 'trace', 'e-mails']);
    expect(stdout).toMatch(/order shipped .* PENDING → CONFIRMED → SHIPPED$/m);
    expect(stdout).toContain(`[smoke] passed in `);
  }, 120_000);

  it('loses no order, makes none twice, conserves stock, sends every e-mail and Slack message, and recovers from every fault', async () => {
    const target = await NativeTarget.open(instance.env);
    const { observations, counts } = await runChaosKeepingEverything(target, {
      ...DEFAULT_OPTIONS,
      rate: 3,
      durationMs: 30_000,
      gapMs: 5_000,
      durations: { ...DEFAULT_OPTIONS.durations, postgresDownMs: 3_000, kafkaDownMs: 3_000, smtpOutageMs: 8_000, slackOutageMs: 8_000, brokerFreezeMs: 5_000 },
      settleMs: 120_000,
    });
    expect(counts.accepted).toBeGreaterThan(100);
    expect(counts.deadLetters.total).toBe(0);
    expect(observations.faults.map((fault) => fault.kind).sort()).toEqual(
      ['broker-freeze', 'restart-kafka', 'restart-postgres', 'slack-outage', 'smtp-outage', ...Array(7).fill('kill-app')].sort(),
    );
    expect(observations.fresh.shippedAfterMs).toBeDefined();
    // Each killed app came back by itself (the supervisor of ./shop up), without restarting the others.
    const { apps } = readRunState(path.join(instance.state, 'run/apps.json'))!;
    expect(Object.fromEntries(Object.entries(apps).map(([name, app]) => [name, app.restarts]))).toEqual(
      Object.fromEntries(Object.keys(apps).map((name) => [name, 1])),
    );
  }, 600_000);

  it('stops everything on Ctrl-C while its output goes through a pipe (`./shop up | tee`): no process, no port left', async () => {
    const { apps } = readRunState(path.join(instance.state, 'run/apps.json'))!;
    const pidFiles = ['kafka', 'jaeger', 'mailpit', 'slack-sink'].map((name) => Number(readFileSync(path.join(instance.state, 'run', `${name}.pid`), 'utf8')));
    const postgres = Number(readFileSync(path.join(instance.postgresLocation, 'data/postmaster.pid'), 'utf8').split('\n')[0]);
    const processes = [...Object.values(apps).map((app) => app.pid!), ...pidFiles, postgres];
    expect(processes.every(processAlive)).toBe(true);

    await shop!.stop('SIGINT');
    expect(shop!.running).toBe(false);

    await waitFor('every process of the shop gone', async () => (processes.some(processAlive) ? undefined : true), { timeoutMs: 60_000, intervalMs: 250 });
    const ports = [
      ...Object.values(apps).map((app) => app.port!),
      ...['POSTGRES_PORT', 'KAFKA_CONTROLLER_PORT', 'JAEGER_OTLP_GRPC_PORT', 'JAEGER_OTLP_HTTP_PORT', 'JAEGER_QUERY_PORT', 'MAILPIT_SMTP_PORT', 'MAILPIT_HTTP_PORT', 'SLACK_SINK_PORT'].map(
        (name) => Number(instance.settings[name]),
      ),
      Number(instance.kafkaBrokers[0]!.split(':')[1]),
    ];
    const listening = await Promise.all(ports.map(async (port) => ((await acceptsConnections(port)) ? port : undefined)));
    expect(listening.filter(Boolean)).toEqual([]);
  }, 120_000);
});
