import { DATABASE_SERVICES, SERVICES } from '../support/environment.js';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_ENTRY } from '../../tools/services/services.mjs';
import { type ServiceName, serviceDatabase, serviceDatabaseUrl, uniqueSuffix } from '../support/environment.js';
import { createServiceScratchDatabase, dropDatabase } from '../support/postgres-admin.js';
import { repoRoot } from './compose-project.js';

// What the Dockerfile does after the native build, done natively: each app
// pruned with infra/image/deploy-app.sh (the Dockerfile's own step), then its
// container command run: migrations applied from the pruned app alone (none for
// an app without a database), and the app started far enough to check its
// configuration. Here Prisma's engine cannot be downloaded, so the migration
// tool takes its pg fallback; the image runs `prisma migrate deploy` through the
// same tool and the same Prisma package.

const run = promisify(execFile);
const apps = [...SERVICES];
const imageNodeOptions = /NODE_OPTIONS="([^"]*)"/.exec(fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8'))![1]!;

interface Started {
  code: number | null;
  output: string;
}

/** Runs a command to its end, with only the given environment (and PATH), collecting what it printed. */
function runToEnd(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<Started> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH!, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('each app pruned and started as its image does', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-images-'));
  const imageOf = (app: string) => path.join(root, app);
  const databases = new Map<string, string>();
  const started = new Map<string, Started>();

  beforeAll(async () => {
    const suffix = uniqueSuffix();
    await Promise.all(
      apps.map(async (app) => {
        await run('bash', [path.join(repoRoot, 'infra/image/deploy-app.sh'), app, imageOf(app)], { cwd: repoRoot });
        const env: Record<string, string> = { NODE_OPTIONS: imageNodeOptions, SHOP_PRISMA_MIGRATE: 'fallback' };
        if (DATABASE_SERVICES.includes(app)) {
          const { role } = serviceDatabase(app as ServiceName);
          const name = `${role}_image_${suffix}`;
          await createServiceScratchDatabase(name, role);
          databases.set(app, name);
          env.DATABASE_URL = serviceDatabaseUrl(app as ServiceName, name);
        }
        // The container's command, with only what a container without compose's variables has.
        started.set(app, await runToEnd('/bin/sh', [path.join(imageOf(app), 'entrypoint.sh')], path.join(imageOf(app), 'apps', app), env));
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...databases.values()].map((name) => dropDatabase(name)));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it.each(apps)('%s: production dependencies only, the Prisma CLI among them if it has a database, no sources', (app) => {
    const deployed = path.join(imageOf(app), 'apps', app);
    expect(fs.existsSync(path.join(deployed, APP_ENTRY))).toBe(true);
    expect(fs.existsSync(path.join(deployed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(deployed, 'node_modules/typescript'))).toBe(false);
    // The image applies its migrations with it: `prisma` belongs in the dependencies of an app with a database, only.
    const hasDatabase = DATABASE_SERVICES.includes(app);
    expect({ app, prismaCli: fs.existsSync(path.join(deployed, 'node_modules/prisma/package.json')), prismaFolder: fs.existsSync(path.join(deployed, 'prisma')) }).toEqual({
      app,
      prismaCli: hasDatabase,
      prismaFolder: hasDatabase,
    });
    expect(fs.existsSync(path.join(imageOf(app), 'tools/prisma/migrate.mjs'))).toBe(true);
  });

  it.each(apps)('%s: every file its bundle reads beside it is deployed (the query compiler, the libraries\' own files)', (app) => {
    const bundle = path.join(imageOf(app), 'apps', app, APP_ENTRY);
    const beside = [...fs.readFileSync(bundle, 'utf8').matchAll(/new URL\("([^"]+)",import\.meta\.url\)/g)].map((found) => found[1]!);
    if (DATABASE_SERVICES.includes(app)) expect(beside).toContainEqual(expect.stringMatching(/^\.\/query_compiler_\w+\.postgresql\.wasm$/));
    const missing = beside.filter((file) => !fs.existsSync(path.resolve(path.dirname(bundle), file)));
    expect({ app, missing }).toEqual({ app, missing: [] });
  });

  it.each(apps)('%s: migrates its database if it has one, then starts and names the settings it was not given', (app) => {
    const { code, output } = started.get(app)!;
    expect({ app, code }).toEqual({ app, code: 1 });
    if (DATABASE_SERVICES.includes(app)) expect(output).toMatch(/applied \d+_init/);
    else expect(output).toMatch(/nothing to migrate: .* has no database/);
    expect(output).toMatch(/invalid configuration:/);
    for (const name of ['SERVICE_NAME', 'PORT', 'KAFKA_BROKERS']) expect(output).toContain(`${name}: `);
    // Given to an app with a database; not asked of one without (its pruned package.json says so).
    expect(output).not.toContain('DATABASE_URL: ');
  });

  it("reports a container healthy exactly when the app's /health answers 200", async () => {
    let status = 200;
    const server = createServer((request, response) => {
      response.writeHead(request.url === '/health' ? status : 404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = String((server.address() as AddressInfo).port);
    const check = () => runToEnd(process.execPath, [path.join(repoRoot, 'infra/image/healthcheck.mjs')], repoRoot, { PORT: port });
    try {
      expect((await check()).code).toBe(0);
      status = 503;
      expect(await check()).toMatchObject({ code: 1, output: expect.stringContaining('503') });
    } finally {
      server.close();
    }
  });
});
