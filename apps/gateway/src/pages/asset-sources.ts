import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type AssetSource, BROWSER_FOLDER, filesOf } from './static-assets.js';

/**
 * The files /docs needs from swagger-ui-dist (a production dependency, so the
 * image has them): the bundle (React and Swagger UI in one script, no other
 * script needed with the BaseLayout) and its style sheet. Not the source maps
 * (a browser asks for them only with its developer tools open).
 */
export const SWAGGER_UI_FILES = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;

/**
 * What /assets serves: the gateway's own browser files (apps/gateway/browser/),
 * and the files taken from npm packages, named here one by one.
 */
export function assetSources(): AssetSource[] {
  return [...filesOf(BROWSER_FOLDER), ...packageFiles('swagger-ui-dist', SWAGGER_UI_FILES)];
}

/** Files of an installed package, by name, from its folder (found as Node resolves the package from the gateway). */
function packageFiles(packageName: string, names: readonly string[]): AssetSource[] {
  const folder = dirname(createRequire(import.meta.url).resolve(`${packageName}/package.json`));
  return names.map((name) => ({ name, path: join(folder, name) }));
}
