import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the static assets are served: `/assets/<name>`. */
export const ASSETS_PATH = '/assets';

/** The browser's files of the gateway (its pages' scripts), beside src/ and dist/: one copy, served as they are. */
export const BROWSER_FOLDER = fileURLToPath(new URL('../../browser/', import.meta.url));

/** One file the gateway serves, read once at start-up. */
export interface StaticAsset {
  body: Buffer;
  contentType: string;
  /** A strong tag: the hash of the bytes, the same on every replica. */
  etag: string;
}

/** A file to serve: its name under /assets and where it is on disk. */
export interface AssetSource {
  name: string;
  path: string;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.map': 'application/json; charset=utf-8',
};

/** A name safe in a URL segment and a file name: no folder, no dot file. */
const ASSET_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/**
 * The files of /assets, kept in memory: a fixed set known at start-up (never
 * a path from the request joined to a folder), so nothing else on the disk
 * can be asked for.
 */
export class StaticAssets {
  private readonly assets = new Map<string, StaticAsset>();

  constructor(sources: readonly AssetSource[]) {
    for (const { name, path } of sources) {
      const contentType = CONTENT_TYPES[extname(name)];
      if (!ASSET_NAME.test(name) || contentType === undefined) throw new Error(`"${name}" cannot be served as an asset`);
      if (this.assets.has(name)) throw new Error(`two assets are named "${name}"`);
      const body = readFileSync(path);
      this.assets.set(name, { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url')}"` });
    }
  }

  get(name: string): StaticAsset | undefined {
    return this.assets.get(name);
  }

  names(): string[] {
    return [...this.assets.keys()];
  }
}

/** Every file of a folder (not its sub-folders), under its own name. */
export function filesOf(folder: string): AssetSource[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.') && CONTENT_TYPES[extname(entry.name)] !== undefined)
    .map((entry) => ({ name: entry.name, path: `${folder}${folder.endsWith('/') ? '' : '/'}${entry.name}` }));
}

/** The URL of an asset, as a page links it. */
export function assetUrl(name: string): string {
  return `${ASSETS_PATH}/${name}`;
}
