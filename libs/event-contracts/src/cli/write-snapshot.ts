#!/usr/bin/env node
// Records new and compatibly changed schemas in schemas/published.json; refuses
// (exit 1, file untouched) when a published schema changed incompatibly.
import { existsSync } from 'node:fs';
import { formatBreakingChange } from '../compatibility.js';
import { publishedJsonSchemas } from '../json-schemas.js';
import { PUBLISHED_SNAPSHOT_PATH, readPublishedSnapshot, writePublishedSnapshot } from '../schema-snapshot-file.js';
import { planSnapshotUpdate } from '../schema-snapshot.js';

const published = existsSync(PUBLISHED_SNAPSHOT_PATH) ? readPublishedSnapshot() : {};
const update = planSnapshotUpdate(published, publishedJsonSchemas());

if (update.breaking.length > 0) {
  console.error(`[schemas] refusing to update ${PUBLISHED_SNAPSHOT_PATH}: published schemas changed incompatibly`);
  for (const change of update.breaking) console.error(`  - ${formatBreakingChange(change)}`);
  console.error('[schemas] keep the published version as it is and add a new one (…v2) beside it; see README.md');
  process.exit(1);
}

if (update.added.length === 0 && update.evolved.length === 0) {
  console.log(`[schemas] ${PUBLISHED_SNAPSHOT_PATH} is up to date`);
} else {
  writePublishedSnapshot(update.snapshot);
  for (const name of update.added) console.log(`[schemas] added ${name}`);
  for (const name of update.evolved) console.log(`[schemas] updated ${name} (compatible)`);
}
