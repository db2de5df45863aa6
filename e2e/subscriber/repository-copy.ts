import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAssignments } from '../support/app-process.js';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * A copy of this repository as it is now, committed or not, for a test that
 * runs the project's own commands in it and then reads `git status`: cloned
 * (sharing the objects), the working tree's changes laid over it and
 * committed as the baseline, its dependencies linked from pnpm's store, the
 * libraries' build output and the toolchain taken from this checkout.
 */
export class RepositoryCopy {
  private constructor(readonly dir: string) {}

  static async create(): Promise<RepositoryCopy> {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'shop-copy-')), 'shop');
    await run('git', ['clone', '--quiet', '--shared', repoRoot, dir]);
    const copy = new RepositoryCopy(dir);
    const changed = (await copy.git(repoRoot, 'ls-files', '-z', '--modified', '--others', '--exclude-standard')).split('\0').filter(Boolean);
    const deleted = (await copy.git(repoRoot, 'ls-files', '-z', '--deleted')).split('\0').filter(Boolean);
    for (const file of changed) {
      if (!existsSync(path.join(repoRoot, file))) continue;
      // Removed first: a file the change made a link (or a link it made a file) is not copied over.
      rmSync(path.join(dir, file), { force: true });
      cpSync(path.join(repoRoot, file), path.join(dir, file), { recursive: true, verbatimSymlinks: true });
    }
    for (const file of deleted) rmSync(path.join(dir, file), { force: true });
    await copy.git(dir, 'add', '-A');
    await copy.git(dir, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'the working tree under test');
    for (const built of ['libs/runtime/dist', 'libs/event-contracts/dist']) cpSync(path.join(repoRoot, built), path.join(dir, built), { recursive: true });
    mkdirSync(path.join(dir, '.local'), { recursive: true });
    if (existsSync(path.join(repoRoot, '.local/tools'))) symlinkSync(path.join(repoRoot, '.local/tools'), path.join(dir, '.local/tools'));
    await copy.pnpm('install', '--offline', '--frozen-lockfile');
    return copy;
  }

  /** A command of the copy, e.g. `./shop new subscriber ...`; its output, or execFile's error, its message ending with the output's end. */
  async shop(...args: string[]): Promise<string> {
    try {
      const { stdout, stderr } = await run(path.join(this.dir, 'shop'), args, { cwd: this.dir, env: this.env(), maxBuffer: 16 * 1024 * 1024 });
      return stdout + stderr;
    } catch (error) {
      // execFile's error names the command only; its code, stdout and stderr stay for the caller.
      const failure = error as Error & { stdout?: string; stderr?: string };
      failure.message += `\nits output ends:\n${((failure.stdout ?? '') + (failure.stderr ?? '')).slice(-3_000)}`;
      throw failure;
    }
  }

  pnpm(...args: string[]) {
    return run('pnpm', args, { cwd: this.dir, env: this.env(), maxBuffer: 16 * 1024 * 1024 });
  }

  /**
   * The environment ./shop up gives an app of the copy (service_env in infra/lib/services.sh),
   * read with the test's own environment: its state folder holds the Kafka passwords the shared
   * broker knows, which the copy's own would not.
   */
  async appEnvironment(app: string): Promise<Record<string, string>> {
    const script = 'source infra/lib/common.sh; source infra/lib/services.sh; service_env "$1"';
    return parseAssignments((await run('bash', ['-c', script, 'service-env', app], { cwd: this.dir, env: process.env })).stdout);
  }

  /** Applies an app's committed migrations to its database, as ./shop up does (tools/prisma/migrate.mjs). */
  async migrate(app: string, databaseUrl: string): Promise<void> {
    await run('node', [path.join(this.dir, 'tools/prisma/migrate.mjs')], { cwd: path.join(this.dir, 'apps', app), env: { ...process.env, DATABASE_URL: databaseUrl } });
  }

  /**
   * The copy's apps' Kafka logins and ACLs on the running (shared) broker, as ./shop up gives them
   * with no list edited: each app's user added through the admin API, and ensure-topics deriving the
   * ACLs from the handlers. Read with the test's environment, like appEnvironment().
   */
  async admitToKafka(): Promise<void> {
    const script = 'source infra/lib/common.sh; source infra/kafka/kafka.sh; source infra/lib/services.sh; kafka_build_probe; kafka_add_scram_users; ensure_topics';
    await run('bash', ['-c', script], { cwd: this.dir, env: process.env });
  }

  /** What changed since the baseline: `git status --porcelain` paths, folders of new files as git lists them. */
  async changes(): Promise<string[]> {
    const status = await this.git(this.dir, 'status', '--porcelain', '--untracked-files=normal');
    return status.split('\n').filter(Boolean).map((line) => line.slice(3));
  }

  dispose(): void {
    rmSync(path.dirname(this.dir), { recursive: true, force: true });
  }

  /** The test's environment (the shared infrastructure's addresses), but the copy's own state folder. */
  private env(): NodeJS.ProcessEnv {
    const { SHOP_STATE: _theCheckoutsState, ...env } = process.env;
    return { ...env, CI: 'true' };
  }

  private async git(cwd: string, ...args: string[]): Promise<string> {
    return (await run('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
  }
}
