import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type KafkaCredentials, kafkaCredentials } from '@shop/runtime';
import { processAlive, readRunState } from '../../infra/supervisor/run-state.ts';
import { composeKafkaPassword } from '../../tools/services/compose.mjs';
import { APP_ENTRY, shopServices } from '../../tools/services/services.mjs';
import { parseAssignments } from '../support/app-process.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A product the chaos run orders from, made for it so that the demo's stock stays as it was. */
export interface ChaosProduct {
  sku: string;
  name: string;
  priceCents: number;
  stock: number;
}

/** The infrastructure a chaos run restarts. */
export type Component = 'kafka' | 'postgres';

/**
 * The shop a chaos run works against, and the faults it can inject there:
 * natively (the apps of `./shop up` and the infrastructure of infra/) or in
 * compose (`docker compose`). Everything else goes through the published URLs.
 */
export interface ChaosTarget {
  readonly description: string;
  readonly gatewayUrl: string;
  readonly mailpitUrl: string;
  readonly slackSinkUrl: string;
  readonly kafkaBrokers: string[];
  /** How the run's own Kafka clients log in there (none when the broker takes anyone). */
  readonly kafkaLogin: KafkaCredentials;
  /** The apps, by name. */
  apps(): Promise<string[]>;
  /** Whether each app is healthy now. */
  health(): Promise<Record<string, boolean>>;
  /** SIGKILL, as a crash: whatever runs the app must bring it back. */
  killApp(app: string): Promise<void>;
  stop(component: Component): Promise<void>;
  start(component: Component): Promise<void>;
  /** Every connection to the broker hangs, as in a network partition that drops packets; thaw ends it. */
  freezeBroker(): Promise<void>;
  thawBroker(): Promise<void>;
  /** SIGKILL of one Kafka node, as a crash (the only one, or one of a cluster: the others carry on); resolves once it is gone. */
  killBroker(): Promise<void>;
  startKilledBroker(): Promise<void>;
  /** Test arrangement, as e2e/support/inventory-fixtures.ts does: the shop has no admin API for products yet. */
  addProducts(products: ChaosProduct[]): Promise<void>;
}

const insertProducts = (products: ChaosProduct[]) =>
  `INSERT INTO "Product" (sku, name, "priceCents", stock, "updatedAt") VALUES ${products
    .map((p) => `('${p.sku}', '${p.name.replaceAll("'", "''")}', ${p.priceCents}, ${p.stock}, now())`)
    .join(', ')} ON CONFLICT (sku) DO NOTHING`;

/** The native shop of `./shop up`, or a second one (SHOP_STATE and SHOP_PORT_OFFSET in `env`, see infra/env.sh). */
export class NativeTarget implements ChaosTarget {
  readonly description: string;

  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly settings: Record<string, string>,
  ) {
    this.description = `native shop (state ${settings.SHOP_STATE}, gateway ${this.gatewayUrl})`;
  }

  static async open(env: NodeJS.ProcessEnv = process.env): Promise<NativeTarget> {
    const names = ['SHOP_STATE', 'SHOP_RUN', 'GATEWAY_PORT', 'MAILPIT_URL', 'SLACK_SINK_URL', 'KAFKA_BROKERS', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'INVENTORY_DATABASE_URL'];
    const { stdout } = await run(
      'bash',
      ['-c', `source infra/lib/common.sh; source infra/lib/services.sh
        GATEWAY_PORT=\${SHOP_SERVICE_PORT[gateway]}; INVENTORY_DATABASE_URL=$(service_database_url inventory)
        for name in ${names.join(' ')}; do printf '%s=%s\\n' "$name" "\${!name}"; done`],
      { cwd: repoRoot, env },
    );
    const settings = parseAssignments(stdout.trim());
    return new NativeTarget(env, settings);
  }

  get gatewayUrl() {
    return `http://127.0.0.1:${this.settings.GATEWAY_PORT}`;
  }

  get mailpitUrl() {
    return this.settings.MAILPIT_URL!;
  }

  get slackSinkUrl() {
    return this.settings.SLACK_SINK_URL!;
  }

  get kafkaBrokers() {
    return this.settings.KAFKA_BROKERS!.split(',');
  }

  /** This shop's admin login (infra/kafka/credentials.sh), when its broker requires one. */
  get kafkaLogin() {
    return kafkaCredentials(this.settings);
  }

  private runState() {
    const state = readRunState(path.join(this.settings.SHOP_RUN!, 'apps.json'));
    if (!state) throw new Error(`no apps are running for ${this.settings.SHOP_STATE}: start the shop with ./shop up first`);
    return state;
  }

  async apps() {
    return Object.keys(this.runState().apps);
  }

  async health() {
    const { apps } = this.runState();
    const entries = await Promise.all(
      Object.entries(apps).map(async ([name, record]) => {
        try {
          const response = await fetch(record.healthUrl!, { signal: AbortSignal.timeout(2_000) });
          await response.body?.cancel();
          return [name, response.ok] as const;
        } catch {
          return [name, false] as const;
        }
      }),
    );
    return Object.fromEntries(entries);
  }

  async killApp(app: string) {
    const pid = this.runState().apps[app]?.pid;
    if (!pid) throw new Error(`${app} has no running process to kill`);
    process.kill(pid, 'SIGKILL');
  }

  async stop(component: Component) {
    await this.infra('stop', component);
  }

  async start(component: Component) {
    await this.infra('start', component);
  }

  async freezeBroker() {
    process.kill(this.brokerPid(), 'SIGSTOP');
  }

  async thawBroker() {
    process.kill(this.brokerPid(), 'SIGCONT');
  }

  async killBroker() {
    const pid = this.brokerPid();
    process.kill(pid, 'SIGKILL');
    while (processAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async startKilledBroker() {
    await this.infra('start', this.faultyBroker);
  }

  async addProducts(products: ChaosProduct[]) {
    const client = new pg.Client({ connectionString: this.settings.INVENTORY_DATABASE_URL });
    await client.connect();
    try {
      await client.query(insertProducts(products));
    } finally {
      await client.end();
    }
  }

  /** The node the broker faults hit: the only one (`kafka`), or a cluster's second (`kafka-2`, as ./shop infra names it). */
  private get faultyBroker(): string {
    return this.kafkaBrokers.length === 1 ? 'kafka' : 'kafka-2';
  }

  private brokerPid(): number {
    return Number(readFileSync(path.join(this.settings.SHOP_RUN!, `${this.faultyBroker}.pid`), 'utf8').trim());
  }

  private async infra(action: 'start' | 'stop', component: string) {
    await run('bash', [path.join(repoRoot, 'infra/infra.sh'), action, component], { cwd: repoRoot, env: this.env });
  }
}

/**
 * The compose demo (`docker compose up`), from the host: the ports it publishes
 * on loopback (gateway 3000, Mailpit 8025, the Slack sink 3090, Kafka 9092) and
 * the docker compose CLI for the faults. Not run on our machines (no Docker
 * engine there); the hosted workflow runs it.
 */
export class ComposeTarget implements ChaosTarget {
  readonly description = 'docker compose demo';
  readonly gatewayUrl = 'http://127.0.0.1:3000';
  readonly mailpitUrl = 'http://127.0.0.1:8025';
  readonly slackSinkUrl = 'http://127.0.0.1:3090';
  readonly kafkaBrokers = ['127.0.0.1:9092'];
  /** The admin's, as docker-compose.yml gives it to its tools (x-kafka-admin-login). */
  readonly kafkaLogin = kafkaCredentials({ KAFKA_SASL_USERNAME: 'shop-admin', KAFKA_SASL_PASSWORD: composeKafkaPassword('shop-admin') });

  async apps() {
    return shopServices().map((service) => service.name);
  }

  async health() {
    const { stdout } = await this.compose('ps', '--format', 'json');
    // Compose v2 prints one JSON object per line (or one array, by version).
    const rows: { Service: string; Health?: string; State: string }[] = stdout.trim().startsWith('[')
      ? JSON.parse(stdout)
      : stdout.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
    const apps = new Set(await this.apps());
    return Object.fromEntries(rows.filter((row) => apps.has(row.Service)).map((row) => [row.Service, row.State === 'running' && row.Health === 'healthy']));
  }

  /** Kills the app's Node process inside its container (a crash, so that `restart: unless-stopped` applies; `docker kill` would not). */
  async killApp(app: string) {
    const script =
      "const fs=require('fs');for(const p of fs.readdirSync('/proc')){if(/^\\d+$/.test(p)&&+p!==process.pid){let c='';try{c=fs.readFileSync('/proc/'+p+'/cmdline','utf8')}catch{}if(c.includes(" +
      JSON.stringify(APP_ENTRY) +
      "))process.kill(+p,'SIGKILL')}}";
    await this.compose('exec', '-T', app, 'node', '-e', script);
  }

  async stop(component: Component) {
    await this.compose('stop', component);
  }

  async start(component: Component) {
    await this.compose('start', component);
  }

  async freezeBroker() {
    await this.compose('pause', 'kafka');
  }

  async thawBroker() {
    await this.compose('unpause', 'kafka');
  }

  /** `docker compose kill` sends SIGKILL and returns once the container has stopped; compose runs one broker. */
  async killBroker() {
    await this.compose('kill', 'kafka');
  }

  async startKilledBroker() {
    await this.compose('start', 'kafka');
  }

  async addProducts(products: ChaosProduct[]) {
    await this.compose('exec', '-T', 'postgres', 'psql', '-v', 'ON_ERROR_STOP=1', '-U', 'shop_admin', '-d', 'shop_inventory', '-c', insertProducts(products));
  }

  private compose(...args: string[]) {
    return run('docker', ['compose', ...args], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  }
}
