import { findBreakingChanges, formatBreakingChange } from './compatibility.js';
import { publishedJsonSchemas } from './json-schemas.js';
import { readPublishedSnapshot } from './schema-snapshot-file.js';

// The contract with every consumer: schemas/published.json is what was published.
// Fixing a failure here means adding a new version, never editing the snapshot by hand.
const UPDATE_HINT = 'run `pnpm --filter @shop/event-contracts schemas:snapshot`';

describe('published schemas (schemas/published.json)', () => {
  const published = readPublishedSnapshot();
  const current = publishedJsonSchemas();

  it.each(Object.keys(published))('%s is still published', (name) => {
    expect(Object.keys(current)).toContain(name);
  });

  it.each(Object.keys(published).filter((name) => name in current))('%s is compatible with its published version', (name) => {
    const breaking = findBreakingChanges(published[name]!, current[name]!).map(formatBreakingChange);
    expect(breaking).toEqual([]);
  });

  it(`lists every current schema (a new type or version is recorded: ${UPDATE_HINT})`, () => {
    const unrecorded = Object.keys(current).filter((name) => !(name in published));
    expect(unrecorded).toEqual([]);
  });

  it(`records the current schemas exactly (compatible changes too: ${UPDATE_HINT})`, () => {
    const outdated = Object.keys(current).filter(
      (name) => name in published && JSON.stringify(published[name]) !== JSON.stringify(current[name]),
    );
    expect(outdated).toEqual([]);
  });
});
