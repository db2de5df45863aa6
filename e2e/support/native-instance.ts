import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { kafkaCredentials } from '@shop/runtime';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { parseAssignments } from './app-process.js';

const run = promisify(execFile);
/** The range the kernel takes outgoing connections' local ports from (Linux), if it says. */
export const ephemeralPortRange = (): [number, number] | undefined => {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return low && high ? [low, high] : undefined;
  } catch {
    return undefined;
  }
};
const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The settings infra/env.sh exports, and the Kafka login infra/kafka/credentials.sh exports (that of
 * the shared shop's state): dropped from a child's environment so that the offset and the instance's
 * own state decide them.
 */
const ENV_SH_SETTINGS = ['infra/env.sh', 'infra/kafka/credentials.sh'].flatMap((file) =>
  [...readFileSync(path.join(repoRoot, file), 'utf8').matchAll(/^\s*export ([A-Z_]+)\b/gm)].map((m) => m[1]!),
);

/**
 * A second native shop beside the shared one, for tests that must restart
 * Kafka or PostgreSQL, or run `./shop up` itself: the project's own scripts,
 * with SHOP_STATE in a temporary folder and every port moved by `portOffset`
 * (see infra/env.sh). Nothing it does touches the shared infrastructure.
 */
export class NativeInstance {
  readonly state = mkdtempSync(path.join(os.tmpdir(), 'shop-instance-'));
  /** The environment for `./shop` commands of this instance. */
  readonly env: Record<string, string>;
  /** What infra/env.sh resolves to for this instance (KAFKA_BROKERS, POSTGRES_PORT, SMTP_URL, ...). */
  settings: Record<string, string> = {};

  /** `settings`: any of infra/env.sh's settings given to this instance (SHOP_KAFKA_AUTH: 'scram'). */
  constructor(
    readonly portOffset: number,
    settings: Record<string, string> = {},
  ) {
    const env = { ...process.env } as Record<string, string>;
    for (const name of ENV_SH_SETTINGS) delete env[name];
    // Whether Kafka requires logins is kept: the instance is like the shop the tests run against (its own passwords, though).
    const { SHOP_KAFKA_AUTH } = process.env;
    this.env = { ...env, ...(SHOP_KAFKA_AUTH ? { SHOP_KAFKA_AUTH } : {}), ...settings, SHOP_STATE: this.state, SHOP_PORT_OFFSET: String(portOffset) };
  }

  /** Resolves the settings; call once before using them. */
  async resolve(): Promise<this> {
    const { stdout } = await this.bash(`source infra/lib/common.sh; for name in ${ENV_SH_SETTINGS.join(' ')}; do printf '%s=%s\\n' "$name" "\${!name}"; done`);
    this.settings = parseAssignments(stdout.trim());
    this.refuseEphemeralPorts();
    return this;
  }

  /**
   * The kernel gives every outgoing connection a local port from its ephemeral range, and a pooled
   * client of another suite may keep one for minutes: a server of this instance on such a port could
   * fail to bind at any run (a CI run lost a suite so). An offset from 5600 to 10100 keeps every
   * port of the layout out of it (PostgreSQL's 55432 goes above 60999, the rest stay below 32768).
   */
  private refuseEphemeralPorts(): void {
    const range = ephemeralPortRange();
    if (!range) return;
    const ports: [setting: string, port: number][] = [
      ...Object.entries(this.settings).filter(([name]) => name.endsWith('_PORT')).map(([name, port]): [string, number] => [name, Number(port)]),
      ...this.kafkaBrokers.map((address): [string, number] => ['KAFKA_BROKERS', Number(address.split(':').at(-1))]),
    ];
    const inRange = ports.filter(([, port]) => port >= range[0] && port <= range[1]);
    if (inRange.length > 0) {
      const named = inRange.map(([setting, port]) => `${setting} ${port}`).join(', ');
      throw new Error(`port offset ${this.portOffset} puts ${named} in the kernel's ephemeral range ${range.join('-')}: choose one from 5600 to 10100`);
    }
  }

  get kafkaBrokers(): string[] {
    return this.settings.KAFKA_BROKERS!.split(',');
  }

  /** A client of this instance's Kafka, logged in as its own (not the shared shop's) test principal. */
  kafka(clientId: string, config: Partial<KafkaConfig> = {}): Kafka {
    return new Kafka({ ...kafkaCredentials(this.settings), clientId, brokers: this.kafkaBrokers, logLevel: logLevel.NOTHING, ...config });
  }

  /** What an app needs to reach this instance's Kafka: its brokers and the instance's login (empty: a broker without logins). */
  get kafkaEnvironment(): Record<string, string> {
    return {
      KAFKA_BROKERS: this.settings.KAFKA_BROKERS!,
      KAFKA_SASL_USERNAME: this.settings.KAFKA_SASL_USERNAME ?? '',
      KAFKA_SASL_PASSWORD: this.settings.KAFKA_SASL_PASSWORD ?? '',
    };
  }

  /** Creates the shop's topics and the services' ACLs on this instance's Kafka, as ./shop up does; what ensure-topics printed. */
  async ensureTopics(): Promise<string> {
    return (await this.bash('source infra/lib/common.sh && source infra/lib/services.sh && ensure_topics')).stdout;
  }

  /** `./shop infra <action> [components]` for this instance. */
  async infra(action: 'start' | 'stop' | 'restart' | 'status', ...components: string[]): Promise<string> {
    const { stdout, stderr } = await run('bash', [path.join(repoRoot, 'infra/infra.sh'), action, ...components], {
      cwd: repoRoot,
      env: this.env,
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout + stderr;
  }

  /** A service's database on this instance's PostgreSQL, as its own role (mirrors service_database_url in infra/env.sh). */
  databaseUrl(service: string): string {
    const name = `shop_${service.replaceAll('-', '_')}`;
    return `postgresql://${name}:${name}_dev_password@${this.settings.POSTGRES_HOST}:${this.settings.POSTGRES_PORT}/${name}`;
  }

  /** Applies a service's committed migrations to its database on this instance. */
  async migrate(service: string): Promise<void> {
    await run('node', [path.join(repoRoot, 'tools/prisma/migrate.mjs')], {
      cwd: path.join(repoRoot, 'apps', service),
      env: { ...this.env, DATABASE_URL: this.databaseUrl(service) },
    });
  }

  bash(script: string) {
    return run('bash', ['-c', script], { cwd: repoRoot, env: this.env, maxBuffer: 16 * 1024 * 1024 });
  }

  /** Where PostgreSQL keeps the cluster: moved out of SHOP_STATE when its user cannot enter it (infra/postgres/postgres.sh). */
  get postgresLocation(): string {
    const pointer = path.join(this.state, 'postgres.location');
    return existsSync(pointer) ? readFileSync(pointer, 'utf8').trim() : path.join(this.state, 'postgres');
  }

  /** Stops whatever of the infrastructure runs, and deletes the instance's folders. */
  async dispose(): Promise<void> {
    await this.infra('stop').catch(() => undefined);
    rmSync(this.postgresLocation, { recursive: true, force: true });
    rmSync(this.state, { recursive: true, force: true });
  }
}
