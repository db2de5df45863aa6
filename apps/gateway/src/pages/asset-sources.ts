import { type AssetSource, BROWSER_FOLDER, filesOf } from './static-assets.js';

/**
 * What /assets serves: the gateway's own browser files (apps/gateway/browser/),
 * and the files taken from npm packages, named here one by one.
 */
export function assetSources(): AssetSource[] {
  return [...filesOf(BROWSER_FOLDER)];
}
