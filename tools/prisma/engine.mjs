// Shared helpers for generate.mjs and migrate.mjs: where an app's Prisma CLI
// lives, the configuration it runs with, and whether Prisma's native schema
// engine is (or can be made) available.
// See README.md in this folder.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TOOLS_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Every app's Prisma configuration, passed to the CLI with `--config` (run from the app's folder). */
export const PRISMA_CONFIG = path.join(TOOLS_DIR, 'prisma.config.mjs');

/** Stand-in for the schema engine: exists so the CLI does not download; fails if ever run. */
export const STANDIN_ENGINE = path.join(TOOLS_DIR, 'schema-engine-standin');

/** The environment variables the Prisma CLI reads for the schema engine path (the second is deprecated). */
export const ENGINE_ENV_VARS = ['PRISMA_SCHEMA_ENGINE_BINARY', 'PRISMA_MIGRATION_ENGINE_BINARY'];

/**
 * Whether the app in appDir has a database, so migrations and a schema engine:
 * yes unless the "shop" block of its package.json says "database": false (the
 * field every reader of the apps goes by: infra/env.sh, tools/services/services.mjs,
 * the runtime). This folder reads it itself: in an app's image it lies beside
 * the pruned app alone.
 */
export function appHasDatabase(appDir) {
  const { shop } = JSON.parse(fs.readFileSync(path.join(appDir, 'package.json'), 'utf8'));
  return shop?.database !== false;
}

/** The app's own prisma package (its devDependency), as the app's scripts would run it. */
export function resolvePrisma(appDir) {
  const appRequire = createRequire(path.join(appDir, 'package.json'));
  let pkgJson;
  try {
    pkgJson = appRequire.resolve('prisma/package.json');
  } catch {
    throw new Error(`${appDir} has no "prisma" dependency installed (run pnpm install)`);
  }
  const dir = path.dirname(pkgJson);
  const prismaRequire = createRequire(pkgJson);
  return {
    dir,
    version: JSON.parse(fs.readFileSync(pkgJson, 'utf8')).version,
    cli: path.join(dir, 'build', 'index.js'),
    require: prismaRequire,
  };
}

/** The env var (name) that already points Prisma at a schema engine, if any. */
export function engineFromEnv(env = process.env) {
  return ENGINE_ENV_VARS.find((name) => env[name]);
}

/**
 * Whether a schema engine was downloaded before, where the CLI looks for one:
 * next to @prisma/engines, or in Prisma's cache (~/.cache/prisma/master/<hash>/<target>/).
 * Existence only: the CLI itself checks the version when it runs.
 */
export function downloadedEngineExists(prisma) {
  return downloadedEngine(prisma) !== undefined;
}

/** The downloaded schema engine's path and where it lies ('package': next to @prisma/engines, or 'cache'), if any. */
export function downloadedEngine(prisma) {
  try {
    const enginesDir = path.dirname(prisma.require.resolve('@prisma/engines/package.json'));
    const local = fs
      .readdirSync(enginesDir)
      .find((name) => /^schema-engine-[\w.-]+$/.test(name) && !/\.(gz|sha256|tmp)$/.test(name));
    if (local) return { path: path.join(enginesDir, local), where: 'package' };
    const enginesRequire = createRequire(path.join(enginesDir, 'package.json'));
    const hash = JSON.parse(fs.readFileSync(enginesRequire.resolve('@prisma/engines-version/package.json'), 'utf8'))
      .prisma.enginesVersion;
    const cacheRoot = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'prisma', 'master', hash);
    const target = fs.readdirSync(cacheRoot).find((name) => fs.existsSync(path.join(cacheRoot, name, 'schema-engine')));
    return target ? { path: path.join(cacheRoot, target, 'schema-engine'), where: 'cache' } : undefined;
  } catch {
    return undefined;
  }
}

/** True when `file --version` answers like Prisma's schema engine ("schema-engine-cli <hash>"). */
export function isRealSchemaEngine(file, cwd) {
  const r = spawnSync(path.resolve(cwd, file), ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 && /^schema-engine/.test(r.stdout ?? '');
}

/** Runs the app's Prisma CLI with inherited stdio; returns the exit code. */
export function runPrisma(prisma, args, { cwd, env = process.env } = {}) {
  const r = spawnSync(process.execPath, [prisma.cli, ...args], { cwd, env, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}
