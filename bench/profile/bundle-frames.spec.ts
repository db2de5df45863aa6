import { bundle, bundleMap as map } from './bundle-fixture.ts';
import { type CpuProfile, summarizeProfile } from './cpu-profile-summary.ts';
import { withOriginalSources } from './bundle-frames.ts';

const frame = (id: number, functionName: string, url: string, lineNumber: number, children: number[] = []) => ({
  id,
  callFrame: { functionName, url, lineNumber, columnNumber: 4 },
  children,
});
const profile: CpuProfile = {
  nodes: [frame(1, '(root)', '', 0, [2]), frame(2, 'fetch', bundle, 0, [3]), frame(3, 'findForUpdate', bundle, 1, [4]), frame(4, 'readFile', 'node:fs', 9)],
  startTime: 0,
  endTime: 3_000,
  samples: [2, 3, 4],
  timeDeltas: [0, 1_000, 1_000],
};

describe('withOriginalSources', () => {
  const resolved = withOriginalSources(profile, (url) => (url === bundle ? map : undefined));

  it('names the module each frame of a bundle was written in, resolved against the bundle', () => {
    expect(resolved.nodes.map((node) => node.callFrame.url)).toEqual([
      '',
      'file:///repo/node_modules/.pnpm/kafkajs@2.2.4/node_modules/kafkajs/src/consumer/index.js',
      'file:///repo/apps/order/src/orders/order.repository.ts',
      'node:fs',
    ]);
  });

  it('so that time is attributed to packages again, not to the bundle', () => {
    const byPackage = (p: CpuProfile) => summarizeProfile(p).selfByPackage.map((share) => share.name);
    expect(byPackage(profile)).toEqual(['apps/order', 'node']);
    expect(byPackage(resolved)).toEqual(['kafkajs', 'apps/order', 'node']);
  });
});
