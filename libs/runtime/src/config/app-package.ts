import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the runtime reads of an app's package.json. */
export interface AppPackage {
  name?: unknown;
  version?: unknown;
  /** The app's registration in the shop: its port, whether it is the edge, whether it has a database. */
  shop?: { database?: unknown } & Record<string, unknown>;
}

/** Walks up from `file`'s folder to the first package.json for which `pick` gives a value, and gives that value. */
export function fromPackageAround<T>(file: string | undefined, pick: (pkg: AppPackage) => T | undefined): T | undefined {
  if (!file) return undefined;
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const pkg = readPackage(path.join(dir, 'package.json'));
    const value = pkg === undefined ? undefined : pick(pkg);
    if (value !== undefined) return value;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * Whether the app whose main script is `mainScript` has a database of its own:
 * yes, unless the "shop" block of its package.json (the nearest one above the
 * script with a name) says `"database": false`. That field is the one place an
 * app says so: infra/env.sh and tools/services/services.mjs read it too, to
 * give the app a database, a role, DATABASE_URL and migrations, or none.
 */
export function appHasDatabase(mainScript: string | undefined = process.argv[1]): boolean {
  return fromPackageAround(mainScript, (pkg) => (typeof pkg.name === 'string' ? pkg.shop?.database !== false : undefined)) ?? true;
}

function readPackage(file: string): AppPackage | undefined {
  try {
    const pkg: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof pkg === 'object' && pkg !== null ? (pkg as AppPackage) : undefined;
  } catch {
    return undefined;
  }
}
