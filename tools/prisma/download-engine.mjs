#!/usr/bin/env node
// Downloads Prisma's native schema engine next to the app's @prisma/engines, so
// that `prisma migrate deploy` later runs without a download (and as a user who
// could not write one). The Docker build runs it in the pruned app, where the
// download host is reachable; see the Dockerfile. Usage, from an app folder:
//   node ../../tools/prisma/download-engine.mjs
// Fails, saying why, when no working engine is in place afterwards; does
// nothing for an app without a database ("database": false in its package.json).
import { spawnSync } from 'node:child_process';
import { appHasDatabase, downloadedEngine, engineFromEnv, isRealSchemaEngine, resolvePrisma } from './engine.mjs';

const appDir = process.cwd();
if (!appHasDatabase(appDir)) {
  console.log('download-engine: this app has no database ("database": false in its package.json), so no migrations and no engine');
  process.exit(0);
}
const prisma = resolvePrisma(appDir);
const fail = (message) => {
  console.error(`download-engine: ${message}`);
  process.exit(1);
};

const envName = engineFromEnv();
if (envName) fail(`${envName} is set (${process.env[envName]}): unset it, the engine is meant to be downloaded here`);

if (downloadedEngine(prisma)?.where !== 'package') {
  // Every Prisma command resolves the engine first and downloads it when missing.
  const r = spawnSync(process.execPath, [prisma.cli, 'version'], { cwd: appDir, stdio: 'inherit' });
  if (r.status !== 0) fail(`\`prisma version\` failed (exit ${r.status ?? r.signal}): the engine download did not work`);
}

const engine = downloadedEngine(prisma);
if (engine?.where !== 'package') {
  fail(`no schema engine next to @prisma/engines after \`prisma version\`${engine ? ` (only in the cache: ${engine.path})` : ''}`);
}
if (!isRealSchemaEngine(engine.path, appDir)) fail(`${engine.path} does not run (a missing shared library such as OpenSSL?)`);
console.log(`download-engine: Prisma ${prisma.version}'s schema engine is at ${engine.path}`);
