// What V8's sampling heap profile of one app (heap-sampler.ts) says: how many
// bytes the app allocated, and which package's code asked for them. An app's
// collector runs in proportion to what it allocates, garbage and all, so this
// is the cost a CPU profile spreads thin over "(gc)" and a thousand functions.
import type { SourceMap } from 'node:module';
import { type Frame, originalFrame } from './bundle-frames.ts';
import { packageOf } from './cpu-profile-summary.ts';
import { Tally } from './tally.ts';

/** The parts of the DevTools protocol's SamplingHeapProfile read here. */
export interface SamplingHeapProfile {
  head: SamplingHeapNode;
}

export interface SamplingHeapNode {
  callFrame: Frame & { functionName: string };
  /** Bytes allocated by this frame itself, estimated from the samples. */
  selfSize: number;
  children: SamplingHeapNode[];
}

export interface ByteShare {
  name: string;
  bytes: number;
}

export interface AllocationSummary {
  bytes: number;
  selfByPackage: ByteShare[];
  topFunctions: ByteShare[];
}

/**
 * Sums the profile's bytes by the code that asked for them: the innermost
 * frame with a script. A built-in (a `Map`, `JSON.parse`, a `Buffer`) has
 * none, and its bytes are its caller's: they are what the caller's package
 * chose to allocate.
 */
export function summarizeAllocations(profile: SamplingHeapProfile, sourceMapOf: (url: string) => SourceMap | undefined, top = 10): AllocationSummary {
  const byPackage = new Tally();
  const byFunction = new Tally();
  let bytes = 0;
  const visit = (node: SamplingHeapNode, asker: SamplingHeapNode['callFrame'] | undefined) => {
    const own = node.callFrame.url ? originalFrame(node.callFrame, sourceMapOf) : asker;
    if (node.selfSize > 0) {
      bytes += node.selfSize;
      const pkg = own ? packageOf(own.functionName, own.url) : '(native)';
      byPackage.add(pkg, node.selfSize);
      byFunction.add(own ? `${own.functionName || '(anonymous)'} (${pkg}:${own.lineNumber + 1})` : `${node.callFrame.functionName} (native)`, node.selfSize);
    }
    for (const child of node.children) visit(child, own);
  };
  visit(profile.head, undefined);
  const inBytes = (tally: Tally): ByteShare[] => tally.ranked(top).map(([name, amount]) => ({ name, bytes: amount }));
  return { bytes, selfByPackage: inBytes(byPackage), topFunctions: inBytes(byFunction) };
}
