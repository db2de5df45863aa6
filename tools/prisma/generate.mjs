#!/usr/bin/env node
// `prisma generate` for one app, also where Prisma's engine download host is
// unreachable. Usage, from an app folder (its `prisma:generate` script):
//   node ../../tools/prisma/generate.mjs [extra prisma generate args]
//
// The Prisma CLI downloads its native schema engine before every command, and
// fails when it cannot, unless PRISMA_SCHEMA_ENGINE_BINARY names an existing
// file. `generate` never runs that file, so when no engine was configured or
// downloaded this points the variable at a stand-in and the CLI skips the
// download. A configured or downloaded engine is always left alone, and the
// generated client is the same either way.
import {
  ENGINE_ENV_VARS,
  PRISMA_CONFIG,
  STANDIN_ENGINE,
  downloadedEngineExists,
  engineFromEnv,
  resolvePrisma,
  runPrisma,
} from './engine.mjs';

const appDir = process.cwd();
const prisma = resolvePrisma(appDir);
const env = { ...process.env };

if (!engineFromEnv(env) && !downloadedEngineExists(prisma)) {
  env[ENGINE_ENV_VARS[0]] = STANDIN_ENGINE;
  console.error(`prisma:generate: no schema engine downloaded; ${ENGINE_ENV_VARS[0]} -> tools/prisma/schema-engine-standin (generate does not run it)`);
}

process.exit(runPrisma(prisma, ['generate', '--config', PRISMA_CONFIG, ...process.argv.slice(2)], { cwd: appDir, env }));
