import { type CpuProfile, packageOf, summarizeProfile } from './cpu-profile-summary.ts';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({ id, callFrame: { functionName, url, lineNumber: 9 }, children });
const prisma = '/repo/node_modules/.pnpm/@prisma+client@7.10.0/node_modules/@prisma/client/runtime/client.js';
const handler = '/repo/apps/history/dist/recording/event-recorder.service.js';

/**
 * root → Node's task queue → handler (history) → request (@prisma/client) → Node's stream write → writev (a
 * socket write in C++); idle and the collector beside them.
 */
const profile: CpuProfile = {
  nodes: [
    frame(1, '(root)', '', [6, 4, 5]),
    frame(6, 'processTicksAndRejections', 'node:internal/process/task_queues', [2]),
    frame(2, 'record', handler, [3]),
    frame(3, 'request', prisma, [7]),
    frame(7, 'writeGeneric', 'node:internal/stream_base_commons', [8]),
    frame(8, 'writev', ''),
    frame(4, '(idle)', ''),
    frame(5, '(garbage collector)', ''),
  ],
  startTime: 1_000_000,
  endTime: 1_010_000,
  // One sample every 1 ms: handler, prisma, prisma, idle, gc, writev, prisma.
  samples: [2, 3, 3, 4, 5, 8, 3],
  timeDeltas: [1_000, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000],
};

describe('packageOf', () => {
  it('names the npm package (scoped or not, pnpm or not), the workspace app or lib, Node, and V8\'s own work', () => {
    expect(packageOf('request', prisma)).toBe('@prisma/client');
    expect(packageOf('send', '/repo/node_modules/kafkajs/src/producer/index.js')).toBe('kafkajs');
    expect(packageOf('record', handler)).toBe('apps/history');
    expect(packageOf('readFile', 'node:fs')).toBe('node');
    expect(packageOf('(garbage collector)', '')).toBe('(gc)');
    expect(packageOf('writev', '')).toBe('(native)');
  });
});

describe('summarizeProfile', () => {
  it('counts busy time without idle, by package (self, and on the stack but for Node\'s own frames) and by function', () => {
    const summary = summarizeProfile(profile);
    // Each sample lasts until the next: the last one's length is unknown and counts nothing.
    expect(summary.busyMs).toBe(5);
    expect(summary.selfByPackage).toEqual([
      { name: '@prisma/client', ms: 2 },
      { name: 'apps/history', ms: 1 },
      { name: '(gc)', ms: 1 },
      { name: '(native)', ms: 1 },
    ]);
    expect(summary.inclusiveByPackage).toEqual([
      { name: 'apps/history', ms: 4 },
      { name: '@prisma/client', ms: 3 },
    ]);
    expect(summary.topFunctions[0]).toEqual({ name: 'request (@prisma/client:10)', ms: 2 });
  });

  it('charges a call into C++ or into Node to the package below it that made it, and the collector to no package', () => {
    expect(summarizeProfile(profile).chargedByPackage).toEqual([
      { name: '@prisma/client', ms: 3 },
      { name: 'apps/history', ms: 1 },
      { name: '(gc)', ms: 1 },
    ]);
  });

  it('keeps only the samples taken inside the window', () => {
    // Samples at 1.001, 1.002, ... s; the window holds the 2nd and 3rd (prisma, prisma).
    const summary = summarizeProfile(profile, { fromUs: 1_002_000, toUs: 1_003_000 });
    expect(summary.busyMs).toBe(2);
    expect(summary.windowMs).toBe(1);
    expect(summary.selfByPackage).toEqual([{ name: '@prisma/client', ms: 2 }]);
  });
});
