import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type AppConfig, startupConfigSchema, telemetryConfigSchema, whyLeftUnsetByDeployments } from '@shop/runtime';
import { parse } from 'yaml';
import { shopServices } from '../../tools/services/services.mjs';
import { parseAssignments } from '../support/app-process.js';

const run = promisify(execFile);

export const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface ComposeService {
  image?: string;
  build?: { context: string; args?: Record<string, string> };
  command?: string[];
  user?: string;
  environment?: Record<string, string | number | boolean | null>;
  volumes?: string[];
  ports?: string[];
  healthcheck?: { test: string[]; interval?: string; timeout?: string; retries?: number; start_period?: string };
  depends_on?: Record<string, { condition: string }>;
  mem_limit?: string;
  restart?: string;
}

/** docker-compose.yml as compose reads it: YAML merge keys (`<<`) applied. */
export function readComposeFile(): { services: Record<string, ComposeService>; volumes?: Record<string, unknown> } {
  return parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true });
}

/** A service's environment with every value as the process sees it: a string. */
export function composeEnvironment(service: ComposeService): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, String(value ?? '')]));
}

/** Every app of the workspace: the folders of apps/ with a package.json. */

/**
 * Runs bash with the native scripts sourced, in a clean environment: the defaults of infra/env.sh
 * (one Kafka node, as compose runs, even while a `--brokers 3` cluster runs from this clone).
 */
export async function nativeShell(script: string, ...args: string[]): Promise<string> {
  const { stdout } = await run(
    'bash',
    ['-c', `set -euo pipefail; source infra/lib/common.sh; source infra/lib/services.sh; ${script}`, 'native', ...args],
    { cwd: repoRoot, env: { PATH: process.env.PATH, HOME: process.env.HOME, KAFKA_BROKER_COUNT: '1' } },
  );
  return stdout;
}

/** The environment ./shop up gives an app (service_env in infra/lib/services.sh). */
export async function nativeAppEnvironment(app: string): Promise<Record<string, string>> {
  return parseAssignments(await nativeShell('service_env "$1"', app));
}

type Shape = Record<string, Parameters<typeof whyLeftUnsetByDeployments>[0]>;

/**
 * The variables an app declares it reads at start-up: the service's settings and
 * its database's if it has one (its package.json), as runService checks them, the
 * runtime's (tracing, logging) and the schemas of the app configs (defineAppConfig)
 * exported from the app's `src/config/<app>-config.ts`, if it has one. Each with
 * why deployments leave it unset, or undefined when they set it.
 */
export async function declaredVariables(app: string): Promise<Map<string, string | undefined>> {
  const service = shopServices().find((candidate) => candidate.name === app);
  if (!service) throw new Error(`no app ${app} in apps/`);
  const shapes: Shape[] = [startupConfigSchema({ database: service.database }).shape, telemetryConfigSchema.shape];
  const configModule = path.join(repoRoot, 'apps', app, 'src/config', `${app}-config.ts`);
  if (fs.existsSync(configModule)) {
    const exports: Record<string, unknown> = await import(`../../apps/${app}/src/config/${app}-config.js`);
    for (const value of Object.values(exports)) if (isAppConfig(value)) shapes.push(value.schema.shape);
  }
  const declared = new Map<string, string | undefined>();
  for (const shape of shapes) for (const [name, field] of Object.entries(shape)) declared.set(name, whyLeftUnsetByDeployments(field));
  return declared;
}

function isAppConfig(value: unknown): value is Pick<AppConfig, 'schema'> {
  const schema = (value as { schema?: { shape?: unknown; safeParse?: unknown } } | null)?.schema;
  return typeof schema?.shape === 'object' && typeof schema.safeParse === 'function';
}

/**
 * Names read from the environment in the source under a folder (`process.env.X`,
 * `env.X`, `env['X']`), outside tests, generated code and command-line tools (cli/):
 * a safety net for reads that bypass the config schemas.
 */
export function environmentReadsInSource(dir: string): Map<string, string[]> {
  const reads = new Map<string, string[]>();
  const pattern = /\benv\??\.([A-Z][A-Z0-9_]*)\b|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g;
  for (const file of sourceFiles(dir)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const match of text.matchAll(pattern)) {
      const name = match[1] ?? match[2]!;
      reads.set(name, [...(reads.get(name) ?? []), path.relative(repoRoot, file)]);
    }
  }
  return reads;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['generated', 'testing', 'cli', 'node_modules'].includes(entry.name) ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [full] : [];
  });
}

/** The compose CLIs on this machine that can validate the file: Debian's docker-compose 1.29, Docker Compose v2. */
export async function composeClis(): Promise<{ name: string; command: string[] }[]> {
  const candidates = [
    { name: 'docker-compose', command: ['docker-compose'] },
    { name: 'docker compose', command: ['docker', 'compose'] },
  ];
  const found = [];
  for (const cli of candidates) {
    try {
      await run(cli.command[0]!, [...cli.command.slice(1), 'version'], { cwd: repoRoot });
      found.push(cli);
    } catch {
      // not installed
    }
  }
  return found;
}

export async function runCompose(cli: { command: string[] }, ...args: string[]) {
  return run(cli.command[0]!, [...cli.command.slice(1), ...args], { cwd: repoRoot });
}
