import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { APP_ENTRY } from '../../tools/services/services.mjs';
import { appProcessSettings } from './app-process.js';
import { DATABASE_SERVICES, infra, kafkaLogin, type ServiceName, serviceDatabaseUrl } from './environment.js';
import { stopChild } from './stop-child.js';
import { GiveUp, waitFor } from './wait-for.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * One app started from its build output as a real process, the way ./shop up
 * starts it: its Node flags and process environment, DATABASE_URL only for an
 * app with a database, its own Kafka login when the broker requires one. `env` adds to that
 * environment or replaces in it; a variable given as undefined is left unset.
 */
export class ServiceProcess {
  private readonly output: string[] = [];
  private child?: ChildProcess;

  constructor(
    readonly service: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string | undefined> = {},
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What the process printed, for failure messages. */
  get log() {
    return this.output.join('');
  }

  /** Starts the process and waits until it is healthy, or only listening (`live`). */
  async start({ until = 'healthy' }: { until?: 'healthy' | 'live' } = {}): Promise<void> {
    const { nodeFlags, processEnv } = appProcessSettings();
    this.child = spawn(
      process.execPath,
      [...nodeFlags, path.join(repoRoot, 'apps', this.service, APP_ENTRY)],
      {
        env: withoutUnset({
          PATH: process.env.PATH,
          ...processEnv,
          SERVICE_NAME: this.service,
          HOST: '127.0.0.1',
          PORT: String(this.port),
          ...(DATABASE_SERVICES.includes(this.service) && { DATABASE_URL: serviceDatabaseUrl(this.service) }),
          KAFKA_BROKERS: infra.kafkaBrokers.join(','),
          // Its own Kafka principal, as ./shop up gives it; one renamed (groups of its own) or in a topic namespace of its own logs in as the test does.
          ...kafkaLogin(this.env.SERVICE_NAME || this.env.SHOP_TOPIC_NAMESPACE ? undefined : this.service),
          OTEL_EXPORTER_OTLP_ENDPOINT: infra.otlpEndpoint,
          // Where the gateway reads traces (its trace view), the run's Jaeger as infra/lib/services.sh sets it.
          JAEGER_QUERY_URL: infra.jaegerQueryUrl,
          // The notifiers' outside world of this run (the apps' defaults are the unshifted ports), as infra/lib/services.sh sets it.
          SMTP_URL: infra.smtpUrl,
          SLACK_WEBHOOK_URL: `${infra.slackSinkUrl}/services/T0LOCAL/B0LOCAL/local-sink`,
          ...this.env,
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child.stdout!.on('data', (chunk) => this.output.push(String(chunk)));
    this.child.stderr!.on('data', (chunk) => this.output.push(String(chunk)));
    const endpoint = until === 'healthy' ? '/health' : '/health/live';
    await waitFor(`${this.service} to answer ${endpoint}`, async () => {
      if (this.child!.exitCode !== null) throw new GiveUp(`${this.service} exited with ${this.child!.exitCode}:\n${this.log}`);
      const response = await fetch(this.url + endpoint);
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      return true;
    }, { timeoutMs: 30_000 });
  }

  /** SIGTERM, then the exit code of a graceful shutdown. */
  stop(): Promise<number | null> {
    return stopChild(this.child);
  }
}

function withoutUnset(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}
