import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NativeInstance, ephemeralPortRange } from '../support/native-instance.js';
import { waitFor } from '../support/wait-for.js';

/**
 * As root the native run starts PostgreSQL as the 'postgres' system user. A
 * clone that user cannot enter (under /root, under any mode-0700 folder) used
 * to fail with nothing but "initdb failed". The instance's state folder here is
 * a fresh temporary folder, mode 0700: exactly that case.
 */
const asRoot = process.getuid?.() === 0;
const instance = new NativeInstance(5800);

describe('PostgreSQL for a clone its system user cannot enter', () => {
  beforeAll(() => instance.resolve());
  afterAll(() => instance.dispose(), 60_000);

  it('starts, with the cluster kept where that user can reach it, and no folder on the way opened up', async () => {
    const modeBefore = statSync(instance.state).mode & 0o777;
    const output = await instance.infra('start', 'postgres');

    expect(await instance.infra('status', 'postgres')).toMatch(/^postgres\s+running/m);
    if (asRoot) {
      expect(modeBefore).toBe(0o700);
      expect(output).toContain(`the 'postgres' user cannot enter ${instance.state}, so the cluster lives in`);
      expect(instance.postgresLocation.startsWith(instance.state)).toBe(false);
    } else {
      expect(instance.postgresLocation).toBe(path.join(instance.state, 'postgres'));
    }
    expect(statSync(instance.state).mode & 0o777).toBe(modeBefore);
  });

  (asRoot ? it : it.skip)('fails before initdb, naming the folder and what to do, when that user has nowhere to keep the data', async () => {
    // The 'postgres' user with a home it cannot write to (getent stubbed by a shell function).
    const failure = instance.bash(`
      export SHOP_STATE="$SHOP_STATE/another-shop"
      source infra/lib/common.sh
      getent() { echo 'postgres:x:101:104::/nonexistent:/bin/sh'; }
      source infra/postgres/postgres.sh
      pg_locate --for-start
    `);
    await expect(failure).rejects.toMatchObject({
      stderr: expect.stringContaining(`who cannot enter ${instance.state} (mode 700) and has no writable home to keep the data in instead`),
    });
    await expect(failure).rejects.toMatchObject({ stderr: expect.stringContaining(`chmod o+x ${instance.state}`) });
  });

});

describe('PostgreSQL whose port a client connection holds for a moment (the default port, 55432, lies in the ephemeral range)', () => {
  // A fresh instance: once its server ran, the port stays in TIME_WAIT and a plain bind could not take it.
  const fresh = new NativeInstance(5900);
  beforeAll(() => fresh.resolve());
  afterAll(() => fresh.dispose(), 60_000);

  it('tries again, and starts once the port is free', async () => {
    const port = Number(fresh.settings.POSTGRES_PORT);
    const log = path.join(fresh.state, 'logs', 'postgres.log');
    // A socket bound to the port without listening, as a client's outgoing connection holds its local
    // port (Node's own sockets set SO_REUSEADDR, which would not collide: Perl's plain bind does).
    const holder = spawn('perl', ['-MSocket', '-e', `socket(S, PF_INET, SOCK_STREAM, 0) or die; bind(S, pack_sockaddr_in(${port}, inet_aton('127.0.0.1'))) or die "bind: $!"; $| = 1; print "bound\\n"; <STDIN>;`]);
    await new Promise((resolve, reject) => {
      holder.stdout.once('data', resolve);
      holder.once('exit', (code) => reject(new Error(`perl could not hold port ${port} (exit ${code})`)));
    });
    try {
      const start = fresh.infra('start', 'postgres');
      await waitFor('the server to fail to bind the held port', async () => (bindFailures(log) > 0 ? true : undefined), { timeoutMs: 90_000 });
      holder.stdin.end();
      const output = await start;
      expect(output).toContain(`port ${port} held by another socket for now; trying again`);
      expect(await fresh.infra('status', 'postgres')).toMatch(/^postgres\s+running/m);
    } finally {
      holder.kill();
    }
  }, 150_000);

  // The test shops themselves keep out of that range, or any of them could lose a run so.
  (ephemeralPortRange() ? it : it.skip)('is no port of a test shop: an offset that puts one in the range is refused, naming it', async () => {
    const inRange = new NativeInstance(1000);
    try {
      await expect(inRange.resolve()).rejects.toThrow(/port offset 1000 puts POSTGRES_PORT 56432 in the kernel's ephemeral range \d+-\d+: choose one from 5600 to 10100/);
    } finally {
      await inRange.dispose();
    }
  });
});

function bindFailures(log: string): number {
  return existsSync(log) ? readFileSync(log, 'utf8').split('Address already in use').length - 1 : 0;
}
