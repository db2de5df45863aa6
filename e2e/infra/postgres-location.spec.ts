import { statSync } from 'node:fs';
import path from 'node:path';
import { NativeInstance } from '../support/native-instance.js';

/**
 * As root the native run starts PostgreSQL as the 'postgres' system user. A
 * clone that user cannot enter (under /root, under any mode-0700 folder) used
 * to fail with nothing but "initdb failed". The instance's state folder here is
 * a fresh temporary folder, mode 0700: exactly that case.
 */
const asRoot = process.getuid?.() === 0;
const instance = new NativeInstance(1200);

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
