import { planSnapshotUpdate, serializeSnapshot } from './schema-snapshot.js';

const text = { type: 'string' };
const v1 = { type: 'object', properties: { a: text }, required: ['a'] };

describe('snapshot update', () => {
  it('adds new names and records compatible changes', () => {
    const evolved = { ...v1, properties: { a: text, b: text } };
    const update = planSnapshotUpdate({ 'shop.x.y.v1': v1 }, { 'shop.x.y.v1': evolved, 'shop.x.z.v1': v1 });
    expect(update).toEqual({
      added: ['shop.x.z.v1'],
      evolved: ['shop.x.y.v1'],
      breaking: [],
      snapshot: { 'shop.x.y.v1': evolved, 'shop.x.z.v1': v1 },
    });
  });

  it('reports incompatible changes and removed names as breaking', () => {
    const update = planSnapshotUpdate({ 'shop.x.y.v1': v1, 'shop.x.z.v1': v1 }, { 'shop.x.y.v1': { ...v1, required: ['a', 'b'] } });
    expect(update.breaking.map((change) => `${change.schema} ${change.path}`)).toEqual(['shop.x.y.v1 $.b', 'shop.x.z.v1 $']);
  });

  it('serializes sorted by name with a final newline', () => {
    const expected = '{\n  "a": {\n    "type": "string"\n  },\n  "b": {\n    "type": "string"\n  }\n}\n';
    expect(serializeSnapshot({ b: text, a: text })).toBe(expected);
  });
});
