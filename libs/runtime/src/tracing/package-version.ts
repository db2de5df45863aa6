import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The version in the nearest package.json at or above `file` (e.g. the app's main script), if any. */
export function versionOfPackageAround(file: string | undefined): string | undefined {
  if (!file) return undefined;
  for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
    const version = readVersion(path.join(dir, 'package.json'));
    if (version) return version;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readVersion(packageJson: string): string | undefined {
  try {
    const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version?: unknown };
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
