// The shop's services, for JavaScript and TypeScript: one folder each under
// apps/, registered by the "shop" block of its package.json: its port
// ("port": 3001), the edge (the gateway, "edge": true) last, and a database of
// its own unless "database": false. infra/env.sh reads the same folders in bash.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const defaultRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The program each app runs, in its folder: its build's bundle (tools/bundle/bundle-app.mjs).
 * Named here for JavaScript; infra/image/entrypoint.sh and deploy-app.sh and the chart's
 * deployments.yaml, which cannot import it, spell it out.
 */
export const APP_ENTRY = 'dist/main.bundle.mjs';

/** @returns {{ name: string, port: number, edge: boolean, database: boolean, dir: string }[]} in start order */
export function shopServices(root = defaultRoot) {
  const apps = path.join(root, 'apps');
  const services = readdirSync(apps, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(apps, entry.name, 'package.json')))
    .map((entry) => {
      const dir = path.join(apps, entry.name);
      const { shop } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      return shop?.port ? { name: entry.name, port: shop.port, edge: shop.edge === true, database: shop.database !== false, dir } : undefined;
    })
    .filter((service) => service !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...services.filter((s) => !s.edge), ...services.filter((s) => s.edge)];
}

/**
 * The command line of a file partly generated from apps/ (docker-compose.yml,
 * the chart's values.yaml): with --check, exits 1 saying `stale` when the file
 * is not `wanted`; otherwise writes `wanted` when it differs and says `written`.
 */
export function writeOrCheckGenerated(file, current, wanted, { stale, written }) {
  if (current === wanted) return;
  if (process.argv.includes('--check')) {
    console.error(stale);
    process.exit(1);
  }
  writeFileSync(file, wanted);
  console.log(written);
}
