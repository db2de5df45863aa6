import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NativeInstance } from './native-instance.js';
import { GiveUp, waitFor } from './wait-for.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * `./shop up --no-setup <args>` on a NativeInstance, the way a user runs it in
 * a terminal: in a process group of its own (a foreground job, so that Ctrl-C
 * reaches the runner and tee alike), its output piped through `tee` into
 * <state>/up.log. Used by the tests and benchmarks that need a whole shop.
 */
export class ShopUp {
  private readonly exited: Promise<void>;

  private constructor(
    private readonly instance: NativeInstance,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Resolves once ./shop up says "all up"; otherwise stops it and rejects with the end of its output. */
  static async start(instance: NativeInstance, args: string[] = [], timeoutMs = 300_000): Promise<ShopUp> {
    const child = spawn('bash', ['-c', `./shop up --no-setup ${args.join(' ')} 2>&1 | tee "${instance.state}/up.log" >/dev/null`], {
      cwd: repoRoot,
      env: instance.env,
      detached: true,
      stdio: 'ignore',
    });
    const shop = new ShopUp(instance, child);
    try {
      await waitFor(
        './shop up to say "all up"',
        async () => {
          if (shop.log().includes('[up] all up:')) return true;
          if (!shop.running) throw new GiveUp('./shop up exited before all up');
          return undefined;
        },
        { timeoutMs, intervalMs: 500 },
      );
    } catch (error) {
      await shop.stop('SIGTERM');
      throw new Error(`${(error as Error).message}\n${shop.log().slice(-4000)}`, { cause: error });
    }
    return shop;
  }

  /** What ./shop up has printed so far. */
  log(): string {
    try {
      return readFileSync(path.join(this.instance.state, 'up.log'), 'utf8');
    } catch {
      return ''; // tee has not made it yet
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Sends `signal` to the whole group (SIGINT: Ctrl-C) and waits, at most `timeoutMs`, for ./shop up to exit. */
  async stop(signal: NodeJS.Signals = 'SIGINT', timeoutMs = 60_000): Promise<void> {
    if (!this.running) return;
    process.kill(-this.child.pid!, signal);
    await Promise.race([this.exited, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }
}
