import { fromPackageAround } from '../config/app-package.js';

/** The version in the nearest package.json at or above `file` (e.g. the app's main script), if any. */
export function versionOfPackageAround(file: string | undefined): string | undefined {
  return fromPackageAround(file, ({ version }) => (typeof version === 'string' ? version : undefined));
}
