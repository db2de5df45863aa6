import { findBreakingChangesInCatalog, type BreakingChange } from './compatibility.js';
import { sameJson } from './compatibility/json-schema.js';
import type { SchemaCatalog } from './json-schemas.js';

export interface SnapshotUpdate {
  /** Names published for the first time. */
  added: string[];
  /** Published names whose schema changed compatibly (e.g. a new optional property, docs). */
  evolved: string[];
  /** When not empty, the snapshot must not be written: publish a new version instead. */
  breaking: BreakingChange[];
  /** The snapshot to write when nothing is breaking. */
  snapshot: SchemaCatalog;
}

/** What recording the current schemas into the published snapshot would do. */
export function planSnapshotUpdate(published: SchemaCatalog, current: SchemaCatalog): SnapshotUpdate {
  const names = Object.keys(current).sort();
  return {
    added: names.filter((name) => !(name in published)),
    evolved: names.filter((name) => name in published && !sameJson(published[name], current[name])),
    breaking: findBreakingChangesInCatalog(published, current),
    snapshot: Object.fromEntries(names.map((name) => [name, current[name]!])),
  };
}

/** Stable text, so the committed file only changes when a schema does. */
export function serializeSnapshot(snapshot: SchemaCatalog): string {
  const sorted = Object.fromEntries(Object.keys(snapshot).sort().map((name) => [name, snapshot[name]]));
  return `${JSON.stringify(sorted, null, 2)}\n`;
}
