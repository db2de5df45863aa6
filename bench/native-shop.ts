// The seven apps started as ./shop up starts them (the same environment and
// Node flags, from infra/lib/services.sh), on ports of a benchmark's own, and
// orders placed through the gateway and followed to their end.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { signedIn } from '../e2e/support/demo-sign-in.ts';
import { appProcessSettings, parseAssignments } from '../e2e/support/app-process.ts';
import { APP_ENTRY, shopServices } from '../tools/services/services.mjs';

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const SERVICES = shopServices().map((service) => service.name);
const TERMINAL = ['SHIPPED', 'REJECTED', 'CANCELLED'];

/** Runs bash with the native scripts sourced; returns what it printed. */
export function native(script: string, ...args: string[]): string {
  return execFileSync('bash', ['-c', `source infra/lib/common.sh; source infra/lib/services.sh; ${script}`, 'bench', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
}

/** PostgreSQL's administrator, as infra/env.sh sets it for this checkout (ports, passwords). */
export function postgresAdmin(): { host: string; port: number; user: string; password: string } {
  const [host, port, user, password] = native('echo "$POSTGRES_HOST"; echo "$POSTGRES_PORT"; echo "$POSTGRES_ADMIN_USER"; echo "$POSTGRES_ADMIN_PASSWORD"')
    .trim()
    .split('\n');
  return { host: host!, port: Number(port), user: user!, password: password! };
}

/**
 * A scratch database of the order service, owned by its role and migrated with
 * the project's own tool: its URL (as that role) and how to drop it again.
 */
export async function scratchOrderDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const pgAdmin = postgresAdmin();
  const admin = new pg.Client({ ...pgAdmin, database: 'postgres' });
  await admin.connect();
  const drop = async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  };
  await admin.query(`CREATE DATABASE "${name}" OWNER shop_order`);
  const url = `postgresql://shop_order:shop_order_dev_password@${pgAdmin.host}:${pgAdmin.port}/${name}`;
  try {
    execFileSync('node', [path.join(repoRoot, 'tools/prisma/migrate.mjs')], { cwd: path.join(repoRoot, 'apps/order'), env: { ...process.env, DATABASE_URL: url }, stdio: 'ignore' });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, drop };
}

export interface App {
  service: string;
  port: number;
  child: ChildProcess;
}

/** A benchmark measures what the shop can do, not the gateway's budget per caller. */
export const UNLIMITED = { RATE_LIMIT_READS: '1000000', RATE_LIMIT_WRITES: '1000000' };

/**
 * How ./shop up runs an app: node with SHOP_NODE_OPTIONS (then `nodeFlags`) on its bundle, in its
 * configuration (service_env) and the process environment of every app (SHOP_APP_PROCESS_ENV).
 */
export function nativeLaunch(service: string, nodeFlags: string[] = []): { args: string[]; env: Record<string, string> } {
  const shop = appProcessSettings();
  const env = { ...parseAssignments(native('service_env "$1"', service)), ...shop.processEnv };
  return { args: [...shop.nodeFlags, ...nodeFlags, path.join(repoRoot, 'apps', service, APP_ENTRY)], env };
}

/**
 * Starts the apps on portBase.. with `extraEnv` on top of the native environment, and `nodeFlags`
 * of each after ./shop up's (--cpu-prof, say); logs in .local/logs/<logName>-<service>.log.
 */
export function startApps(
  portBase: number,
  logName: string,
  extraEnv: Record<string, string> = {},
  nodeFlags: (service: string) => string[] = () => [],
): App[] {
  fs.mkdirSync(path.join(repoRoot, '.local/logs'), { recursive: true });
  return SERVICES.map((service, i) => {
    const { args, env } = nativeLaunch(service, nodeFlags(service));
    const port = portBase + i;
    const log = fs.openSync(path.join(repoRoot, '.local/logs', `${logName}-${service}.log`), 'w');
    const child = spawn(process.execPath, args, {
      env: { ...process.env, ...env, ...UNLIMITED, ...extraEnv, PORT: String(port) },
      stdio: ['ignore', log, log],
    });
    return { service, port, child };
  });
}

export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      if ((error as { fatal?: boolean }).fatal) throw error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function waitHealthy(apps: App[], logName: string): Promise<void> {
  for (const app of apps) {
    await waitFor(`${app.service} to be healthy (log: .local/logs/${logName}-${app.service}.log)`, async () => {
      if (app.child.exitCode !== null) throw Object.assign(new Error(`${app.service} exited`), { fatal: true });
      return (await fetch(`http://127.0.0.1:${app.port}/health`)).ok ? true : undefined;
    });
  }
}

export async function stopApps(apps: App[]): Promise<void> {
  await Promise.all(
    apps.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}

export function gatewayOf(apps: App[]): string {
  return `http://127.0.0.1:${apps.find((app) => app.service === 'gateway')!.port}`;
}

export interface FollowedOrder {
  /** How long POST /orders took to answer 202, ms. */
  acceptedMs: number;
  /** From the POST to the saga's decision (first status after PENDING: CONFIRMED or REJECTED), polled every 100 ms. */
  decidedMs: number;
  /** From the POST to a final status, polled every 100 ms. */
  settledMs: number;
  status: string;
}

/**
 * A product of the benchmark's own with enough stock for every order it will
 * place (the shop has no admin API for stock: written to inventory's database,
 * as the tests do), so no run is skewed by the demo catalog running out.
 */
export async function benchProduct(units: number): Promise<string> {
  const sku = `BENCH-${randomUUID().slice(0, 8)}`.toUpperCase();
  const client = new pg.Client({ connectionString: native('service_database_url inventory').trim() });
  await client.connect();
  try {
    await client.query('INSERT INTO "Product" (sku, name, "priceCents", stock, "updatedAt") VALUES ($1, $2, 1000, $3, now())', [
      sku,
      `Benchmark product ${sku}`,
      units,
    ]);
  } finally {
    await client.end();
  }
  return sku;
}

/** Places `count` orders of one unit, `concurrency` at a time, each followed to a final status. */
export async function placeAndFollow(gateway: string, count: number, concurrency: number, customer: string): Promise<FollowedOrder[]> {
  const sku = await benchProduct(count);
  const followed: FollowedOrder[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const started = performance.now();
        const as = await signedIn(gateway, `${customer}-${i % 10}`);
        const response = await fetch(`${gateway}/orders`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...as, 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({
            email: `${customer}-${i % 10}@example.com`,
            items: [{ sku, quantity: 1 }],
            shippingAddress: { name: 'Ada Lovelace', line1: '12 Test Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
          }),
        });
        if (response.status !== 202) throw new Error(`POST /orders answered ${response.status}: ${await response.text()}`);
        const acceptedMs = performance.now() - started;
        const { orderId } = (await response.json()) as { orderId: string };
        let decidedMs: number | undefined;
        const status = await waitFor(`order ${orderId} to finish`, async () => {
          const order = (await (await fetch(`${gateway}/orders/${orderId}`, { headers: as })).json()) as { status: string };
          if (order.status !== 'PENDING') decidedMs ??= performance.now() - started;
          return TERMINAL.includes(order.status) ? order.status : undefined;
        });
        followed.push({ acceptedMs, decidedMs: decidedMs!, settledMs: performance.now() - started, status });
      }
    }),
  );
  return followed;
}

/** What else runs on the machine: load averages and the busiest processes, as ps sees them. */
export function machineNow(): { load: string; busiest: string } {
  const load = os.loadavg().map((value) => value.toFixed(2)).join(', ');
  let busiest: string;
  try {
    busiest = execFileSync('ps', ['-eo', 'pcpu,rss,args', '--sort=-pcpu'], { encoding: 'utf8' })
      .split('\n')
      .slice(1, 9)
      .map((line) => line.trim().replace(/\s+/g, ' ').slice(0, 140))
      .filter(Boolean)
      .join('\n');
  } catch {
    busiest = '(ps unavailable)';
  }
  return { load, busiest };
}
