import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// import.meta.url, not dirname: the app's bundle gives each module its own URL back (tools/bundle/bundle-app.mjs).
const appDir = fileURLToPath(new URL('../..', import.meta.url));

/** Applies history's committed migrations to `databaseUrl` with the project's tool (tools/prisma/migrate.mjs). */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const tool = path.resolve(appDir, '../../tools/prisma/migrate.mjs');
  const child = spawn(process.execPath, [tool], {
    cwd: appDir,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    // Its progress goes to stderr, keeping stdout for the rebuild's result.
    stdio: ['ignore', process.stderr, process.stderr],
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`migrating the target database failed (${tool} exited with ${code})`);
}
