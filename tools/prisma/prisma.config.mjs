// The Prisma 7 CLI configuration of every app, in one place instead of a copy in
// each app folder. generate.mjs and migrate.mjs run the CLI from an app's folder
// with `--config` naming this file, so the app is the working directory.
//
// Absolute paths: Prisma resolves relative ones from this file's folder, not the app's.
// No import (not even `defineConfig` from 'prisma/config'; Prisma's loader takes a
// plain object): this folder is copied into each app's image beside the pruned app
// (infra/image/deploy-app.sh), where no node_modules/ lies above it.
import path from 'node:path';

const appDir = process.cwd();

export default {
  schema: path.join(appDir, 'prisma'),
  migrations: { path: path.join(appDir, 'prisma/migrations') },
  datasource: {
    // Not env('DATABASE_URL'): that helper throws when the variable is unset,
    // which would break `prisma generate`, which needs no database. No dotenv:
    // the environment comes from infra/env.sh or the caller.
    url: process.env.DATABASE_URL,
  },
};
