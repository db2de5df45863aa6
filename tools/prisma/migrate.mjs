#!/usr/bin/env node
// Applies an app's committed Prisma migrations to its database: the
// datasource.url of prisma.config.mjs in this folder (env DATABASE_URL).
// Usage, from an app folder (its `db:migrate` script):
//   node ../../tools/prisma/migrate.mjs
// An app without a database ("database": false in its package.json) has nothing to migrate.
//
// With Prisma's native schema engine available (configured through
// PRISMA_SCHEMA_ENGINE_BINARY, downloaded before, or downloadable now) this is
// exactly `prisma migrate deploy`. Without it, a fallback applies the same
// migrations with the `pg` package and keeps the `_prisma_migrations` table
// the way the schema engine does, so Prisma's own commands agree later.
// Environment:
//   SHOP_PRISMA_MIGRATE=auto|cli|fallback  default auto (cli = always Prisma, fallback = never)
//   SHOP_PRISMA_PROBE_TIMEOUT_MS           bound on the engine download attempt, default 60000
//   SHOP_PRISMA_LOCK_TIMEOUT_MS            wait for a concurrent run's advisory lock, default 60000
// See README.md in this folder.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import dns from 'node:dns/promises';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PRISMA_CONFIG, appHasDatabase, downloadedEngineExists, engineFromEnv, isRealSchemaEngine, resolvePrisma, runPrisma } from './engine.mjs';

// The key Prisma's schema engine locks with (SELECT pg_advisory_lock(72707369)),
// so a fallback run and a real `prisma migrate` never overlap either.
const PRISMA_LOCK_KEY = 72707369;
// Verbatim the table the schema engine creates on PostgreSQL (create_migrations_table).
const MIGRATIONS_TABLE_DDL = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;

const log = (line) => console.log(`db:migrate: ${line}`);

class UserError extends Error {}

async function main() {
  if (process.argv.length > 2) throw new UserError('takes no arguments; run it from an app folder (pnpm db:migrate)');
  const appDir = process.cwd();
  if (!appHasDatabase(appDir)) {
    // An app's image runs this before every app; natively ./shop runs it only for the apps with a database.
    log(`nothing to migrate: ${path.basename(appDir)} has no database ("database": false in its package.json)`);
    return 0;
  }
  const prisma = resolvePrisma(appDir);
  const config = await loadPrismaConfig();
  const mode = process.env.SHOP_PRISMA_MIGRATE || 'auto';
  if (!['auto', 'cli', 'fallback'].includes(mode)) throw new UserError(`SHOP_PRISMA_MIGRATE must be auto, cli or fallback, not "${mode}"`);

  let reason = 'SHOP_PRISMA_MIGRATE=fallback';
  if (mode !== 'fallback') {
    const engine = mode === 'cli' ? { ok: true } : await schemaEngineAvailable(prisma, appDir);
    if (engine.ok) {
      log(`running prisma migrate deploy (prisma ${prisma.version})`);
      return runPrisma(prisma, ['migrate', 'deploy', '--config', PRISMA_CONFIG], { cwd: appDir });
    }
    reason = engine.reason;
  }
  log(`Prisma's schema engine is not available (${reason}); applying migrations with the pg fallback`);
  await applyWithPg({ appDir, config });
  return 0;
}

/**
 * The file the Prisma CLI reads with --config (schema, migrations path,
 * datasource url): a plain object, so imported directly. Prisma's own loader
 * (@prisma/config) gives the same object but costs ~0.7 s of CPU to load, six
 * times in every ./shop up.
 */
async function loadPrismaConfig() {
  const { default: config } = await import(pathToFileURL(PRISMA_CONFIG).href);
  if (!config || typeof config !== 'object') throw new UserError(`cannot load ${PRISMA_CONFIG}: it exports no configuration object`);
  return config;
}

/**
 * Whether `prisma migrate deploy` can run here. The CLI itself needs the native
 * schema engine and downloads it on first use; where the download host is
 * unreachable that attempt fails (about 4 s: three tries), or where packets are
 * dropped it could hang, so a DNS check comes first and the attempt is bounded.
 */
async function schemaEngineAvailable(prisma, appDir) {
  const envName = engineFromEnv();
  if (envName) {
    return isRealSchemaEngine(process.env[envName], appDir)
      ? { ok: true }
      : { ok: false, reason: `${envName}=${process.env[envName]} is not a schema engine` };
  }
  if (!downloadedEngineExists(prisma) && !hasProxy()) {
    const host = new URL(process.env.PRISMA_ENGINES_MIRROR || 'https://binaries.prisma.sh').hostname;
    try {
      await withTimeout(dns.lookup(host), 3000);
    } catch (err) {
      return { ok: false, reason: `engine download host ${host} does not resolve: ${err.code ?? err.message}` };
    }
  }
  // Resolves the engine as every Prisma command does: finds it, or downloads it now.
  const timeout = Number(process.env.SHOP_PRISMA_PROBE_TIMEOUT_MS || 60_000);
  const probe = spawnSync(process.execPath, [prisma.cli, '--version'], { cwd: appDir, encoding: 'utf8', timeout });
  if (probe.status === 0) return { ok: true };
  const why = probe.error?.code === 'ETIMEDOUT' ? `no engine after ${timeout} ms` : lastLine(probe.stderr || probe.stdout);
  return { ok: false, reason: `engine download failed: ${why}` };
}

function hasProxy() {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'ALL_PROXY', 'all_proxy'].some((v) => process.env[v]);
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`timed out after ${ms} ms`), { code: 'ETIMEOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function lastLine(text = '') {
  return text.trim().split('\n').pop()?.slice(0, 300) || 'unknown error';
}

// ---------------------------------------------------------------------------
// Fallback: what the schema engine's applyMigrations does on PostgreSQL.

async function applyWithPg({ appDir, config }) {
  if (!config.datasource?.url) throw new UserError('no database URL: set DATABASE_URL (datasource.url in prisma.config.mjs)');
  const migrationsDir = config.migrations?.path ?? path.join(path.dirname(config.schema), 'migrations');
  const migrations = readMigrations(migrationsDir);
  const pg = createRequire(path.join(appDir, 'package.json'))('pg');

  const { connection, schema, target } = parseDatabaseUrl(config.datasource.url);
  const client = await connectOrCreateDatabase(pg, connection, target);
  try {
    // Lock first (the engine locks a little later), so concurrent runs never race below.
    await acquireLock(client);
    // As the schema engine: make sure the schema exists, then work inside it.
    const { rows } = await client.query('SELECT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present', [schema]);
    if (!rows[0].present) await client.query(`CREATE SCHEMA ${ident(schema)}`);
    await client.query(`SET search_path = ${ident(schema)}`);
    await initializeMigrationsTable(client, schema);
    const applied = await checkHistory(client, migrations);

    const pending = migrations.filter((m) => !applied.has(m.name));
    log(`${migrations.length} migration(s) found in ${path.relative(appDir, migrationsDir)}, ${pending.length} pending (${target})`);
    for (const migration of pending) await applyOne(client, migration);
    log(pending.length ? `all ${pending.length} pending migration(s) applied` : 'No pending migrations to apply.');
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${PRISMA_LOCK_KEY})`).catch(() => {});
    await client.end().catch(() => {});
  }
}

/** Migration folders as the Prisma CLI lists them: every sub-folder, sorted with localeCompare. */
function readMigrations(migrationsDir) {
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  if (fs.existsSync(lockFile)) {
    const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(fs.readFileSync(lockFile, 'utf8'))?.[1];
    if (provider && provider !== 'postgresql') {
      throw new UserError(`${lockFile} says provider "${provider}", but this database is postgresql (Prisma error P3019)`);
    }
  }
  if (!fs.existsSync(migrationsDir)) return [];
  return fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!fs.existsSync(file)) throw new UserError(`${path.join(migrationsDir, name)} has no migration.sql`);
      const script = fs.readFileSync(file, 'utf8');
      return { name, script, checksum: sha256(script) };
    });
}

/** Prisma-only URL parameters are not libpq's: `schema` becomes the search path. */
function parseDatabaseUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError('DATABASE_URL is not a valid URL');
  }
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new UserError(`DATABASE_URL must be postgresql://..., not ${parsed.protocol}//...`);
  const schema = parsed.searchParams.get('schema') || 'public';
  for (const p of ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout']) {
    parsed.searchParams.delete(p);
  }
  const database = decodeURIComponent(parsed.pathname.slice(1)) || 'postgres';
  const target = `PostgreSQL database "${database}", schema "${schema}" at ${parsed.hostname || 'localhost'}:${parsed.port || 5432}`;
  return { connection: { connectionString: parsed.toString(), database, parsed }, schema, target };
}

/** Connects; creates the database first when it does not exist, as `prisma migrate deploy` does. */
async function connectOrCreateDatabase(pg, connection, target) {
  const open = async (connectionString) => {
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    await client.connect();
    return client;
  };
  try {
    return await open(connection.connectionString);
  } catch (err) {
    if (err.code !== '3D000') throw new UserError(`cannot connect to ${target}: ${err.message}`);
  }
  // Same candidates as the schema engine (create_postgres_admin_conn).
  for (const adminDb of ['postgres', 'template1', 'defaultdb']) {
    const adminUrl = new URL(connection.parsed);
    adminUrl.pathname = `/${encodeURIComponent(adminDb)}`;
    let admin;
    try {
      admin = await open(adminUrl.toString());
    } catch (err) {
      if (err.code === '3D000' || err.code === '28000') continue;
      throw new UserError(`cannot connect to ${adminDb} to create the database: ${err.message}`);
    }
    try {
      await admin.query(`CREATE DATABASE ${ident(connection.database)}`);
      log(`created ${target}`);
    } catch (err) {
      // Already there, e.g. created by a concurrent run: fine (the engine tolerates both too).
      if (err.code !== '42P04' && err.code !== '23505') throw new UserError(`cannot create ${target}: ${err.message}`);
    } finally {
      await admin.end();
    }
    return open(connection.connectionString);
  }
  throw new UserError('the database does not exist and no postgres/template1/defaultdb database to create it from');
}

async function acquireLock(client) {
  const timeout = Number(process.env.SHOP_PRISMA_LOCK_TIMEOUT_MS || 60_000);
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeout))}`);
  try {
    await client.query(`SELECT pg_advisory_lock(${PRISMA_LOCK_KEY})`);
  } catch (err) {
    if (err.code === '55P03') {
      throw new UserError(`timed out after ${timeout} ms waiting for the migration lock (pg_advisory_lock(${PRISMA_LOCK_KEY})) held by another migrate run`);
    }
    throw err;
  } finally {
    await client.query('RESET lock_timeout');
  }
}

/** As the schema engine: create the table in an empty schema, refuse a non-empty one without it (P3005). */
async function initializeMigrationsTable(client, schema) {
  const { rows } = await client.query(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
    [schema],
  );
  const tables = rows.map((r) => r.relname);
  if (tables.includes('_prisma_migrations')) return;
  if (tables.length > 0) {
    throw new UserError(
      `schema "${schema}" is not empty (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', ...' : ''}) and has no _prisma_migrations table; ` +
        'Prisma refuses this too (P3005): baseline it, see https://pris.ly/d/migrate-baseline',
    );
  }
  await client.query(MIGRATIONS_TABLE_DDL);
}

/** Refuses failed or edited migrations; returns the names of the applied ones. */
async function checkHistory(client, migrations) {
  const { rows } = await client.query(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at ASC`,
  );
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    const details = failed
      .map((r) => `  ${r.migration_name} (id ${r.id}, started ${r.started_at.toISOString()})${r.logs ? `:\n    ${r.logs.trim().split('\n').join('\n    ')}` : ''}`)
      .join('\n');
    throw new UserError(
      `found failed migration(s) in _prisma_migrations; nothing applied (Prisma error P3009):\n${details}\n` +
        'Resolve each one first: with the schema engine, `prisma migrate resolve --rolled-back <name>` (after undoing its changes) ' +
        'or `--applied <name>` (after completing it by hand); without it, the SQL equivalent of --rolled-back is\n' +
        "  UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '<id>';",
    );
  }
  const applied = rows.filter((r) => r.rolled_back_at === null);
  const local = new Map(migrations.map((m) => [m.name, m]));
  const edited = [];
  for (const row of applied) {
    const migration = local.get(row.migration_name);
    if (!migration) log(`note: ${row.migration_name} is recorded as applied but has no folder here`);
    else if (!checksumMatches(migration.script, row.checksum)) edited.push(`  ${row.migration_name}: database ${row.checksum}, file ${migration.checksum}`);
  }
  if (edited.length > 0) {
    throw new UserError(
      `migration.sql changed after it was applied; nothing applied:\n${edited.join('\n')}\n` +
        'Restore the applied file(s) and put further changes in a new migration folder.',
    );
  }
  return new Set(applied.map((r) => r.migration_name));
}

/** One migration, one transaction: the row appears only together with the migration's effects. */
async function applyOne(client, migration) {
  const started = performance.now();
  const id = crypto.randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      'INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, clock_timestamp(), $3)',
      [id, migration.checksum, migration.name],
    );
    await client.query(migration.script); // no parameters: simple protocol, several statements, like the engine
    await client.query(
      'UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp() WHERE id = $1',
      [id],
    );
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    const where = err.position ? ` at line ${migration.script.slice(0, Number(err.position)).split('\n').length} of migration.sql` : '';
    throw new UserError(
      `migration ${migration.name} failed${where} and was rolled back (nothing recorded): ${err.code ? `[${err.code}] ` : ''}${err.message}`,
    );
  }
  log(`applied ${migration.name} (${Math.round(performance.now() - started)} ms)`);
}

function sha256(text) {
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** As the schema engine: the checksum may come from the file with LF or CRLF line endings. */
function checksumMatches(script, checksum) {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll('\n', '\r\n')];
  return variants.some((s) => {
    const digest = crypto.createHash('sha256').update(s, 'utf8').digest();
    // Old engines wrote checksums without zero padding (prisma-engines#1887).
    const unpadded = [...digest].map((b) => b.toString(16)).join('');
    return checksum === digest.toString('hex') || checksum === unpadded;
  });
}

function ident(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`db:migrate: ${err instanceof UserError ? err.message : err.stack}`);
    process.exit(1);
  },
);
