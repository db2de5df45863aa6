import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SchemaCatalog } from './json-schemas.js';
import { serializeSnapshot } from './schema-snapshot.js';

/** `schemas/published.json` at the package root (one level above both src/ and dist/). */
export const PUBLISHED_SNAPSHOT_PATH = fileURLToPath(new URL('../schemas/published.json', import.meta.url));

export function readPublishedSnapshot(path = PUBLISHED_SNAPSHOT_PATH): SchemaCatalog {
  return JSON.parse(readFileSync(path, 'utf8')) as SchemaCatalog;
}

export function writePublishedSnapshot(snapshot: SchemaCatalog, path = PUBLISHED_SNAPSHOT_PATH): void {
  writeFileSync(path, serializeSnapshot(snapshot));
}
