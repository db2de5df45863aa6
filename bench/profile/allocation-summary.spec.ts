import { bundle, bundleMap as map } from './bundle-fixture.ts';
import { type SamplingHeapNode, summarizeAllocations } from './allocation-summary.ts';

const node = (functionName: string, url: string, lineNumber: number, selfSize: number, children: SamplingHeapNode[] = []): SamplingHeapNode => ({
  callFrame: { functionName, url, lineNumber, columnNumber: 4 },
  selfSize,
  children,
});
const profile = {
  head: node('(root)', '', 0, 0, [
    node('fetch', bundle, 0, 1_000, [node('Map', '', 0, 500), node('findForUpdate', bundle, 1, 300, [node('JSON.parse', '', 0, 200)])]),
    node('(V8 API)', '', 0, 7),
  ]),
};

describe('summarizeAllocations', () => {
  const summary = summarizeAllocations(profile, (url) => (url === bundle ? map : undefined));

  it('counts every byte once', () => {
    expect(summary.bytes).toBe(2_007);
  });

  it("charges a built-in's bytes to the package that called it, read through the bundle's source map", () => {
    expect(summary.selfByPackage).toEqual([
      { name: 'kafkajs', bytes: 1_500 },
      { name: 'apps/order', bytes: 500 },
      { name: '(native)', bytes: 7 },
    ]);
  });

  it('names the functions by their original source and line', () => {
    expect(summary.topFunctions.slice(0, 2)).toEqual([
      { name: 'fetch (kafkajs:1)', bytes: 1_500 },
      { name: 'findForUpdate (apps/order:1)', bytes: 500 },
    ]);
  });
});
