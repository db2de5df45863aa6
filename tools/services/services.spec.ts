import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { shopServices } from './services.mjs';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/** A workspace of its own: apps/<name>/package.json as given (text, so its layout is the test's), and infra/env.sh. */
function workspace(manifests: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-services-'));
  fs.mkdirSync(path.join(root, 'infra'));
  fs.copyFileSync(path.join(repoRoot, 'infra/env.sh'), path.join(root, 'infra/env.sh'));
  for (const [name, manifest] of Object.entries(manifests)) {
    fs.mkdirSync(path.join(root, 'apps', name), { recursive: true });
    fs.writeFileSync(path.join(root, 'apps', name, 'package.json'), manifest);
  }
  return root;
}

/** Runs bash with infra/env.sh of the workspace sourced, in a clean environment (no port offset); gives what it printed. */
function withEnvSh(root: string, script: string): string {
  return execFileSync('bash', ['-c', `set -euo pipefail; source infra/env.sh; ${script}`], { cwd: root, env: { PATH: process.env.PATH }, encoding: 'utf8' }).trim();
}

describe('shopServices and infra/env.sh', () => {
  const root = workspace({
    // The edge, without a database, its "shop" block on one line.
    edge: '{\n  "name": "@shop/edge",\n  "shop": { "port": 3000, "edge": true, "database": false }\n}\n',
    // With a database by default; a "port" elsewhere in the file is not its port.
    billing: JSON.stringify({ name: '@shop/billing', scripts: { port: 'echo 1' }, shop: { port: 3002 } }, null, 2),
    archive: JSON.stringify({ name: '@shop/archive', shop: { port: 3001, database: true } }, null, 2),
    // A stateless worker that is not the edge.
    relay: JSON.stringify({ name: '@shop/relay', shop: { port: 3003, database: false } }, null, 2),
    // Not a service: no "shop" block.
    tooling: JSON.stringify({ name: '@shop/tooling', config: { port: 9 } }, null, 2),
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('lists the folders with a port under "shop", by name, the edge last, each with or without a database', () => {
    expect(shopServices(root).map(({ name, port, edge, database }) => ({ name, port, edge, database }))).toEqual([
      { name: 'archive', port: 3001, edge: false, database: true },
      { name: 'billing', port: 3002, edge: false, database: true },
      { name: 'relay', port: 3003, edge: false, database: false },
      { name: 'edge', port: 3000, edge: true, database: false },
    ]);
  });

  it('reads the same in bash', () => {
    const expected = shopServices(root).map((service) => `${service.name} ${service.port} ${service.database ? 'yes' : 'no'}`);
    const native = withEnvSh(root, 'for s in "${SHOP_SERVICES[@]}"; do service_has_database "$s" && d=yes || d=no; echo "$s ${SHOP_SERVICE_PORT[$s]} $d"; done');
    expect(native.split('\n')).toEqual(expected);
    expect(withEnvSh(root, 'echo "${SHOP_DATABASE_SERVICES[*]}"')).toBe('archive billing');
  });
});
