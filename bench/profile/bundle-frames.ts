// The apps run as one bundled file each (tools/bundle/bundle-app.mjs), so
// every frame of their profiles names that file. Read through the bundle's
// source map, a frame names the module it was written in again (a package's
// file under node_modules, or the app's own TypeScript), which is what
// cpu-profile-summary.ts attributes time by, and allocation-summary.ts bytes.
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CpuProfile } from './cpu-profile-summary.ts';

/** A frame's script and line: V8's own, or, where the script has a source map, the source and line it was written as. */
export interface Frame {
  url: string;
  lineNumber: number;
  columnNumber?: number;
}

/** The frame moved to its original source and line, or as it is when its script has no map. */
export function originalFrame<F extends Frame>(frame: F, sourceMapOf: (url: string) => SourceMap | undefined): F {
  const { url, lineNumber, columnNumber } = frame;
  const entry = url ? sourceMapOf(url)?.findEntry(lineNumber, columnNumber ?? 0) : undefined;
  if (!entry || !('originalSource' in entry)) return frame;
  // Sources are relative to the map, which lies beside the script.
  return { ...frame, url: new URL(entry.originalSource, url).href, lineNumber: entry.originalLine };
}

/** The profile with each frame of a script that has a source map moved to its original source and line. */
export function withOriginalSources(profile: CpuProfile, sourceMapOf: (url: string) => SourceMap | undefined): CpuProfile {
  return { ...profile, nodes: profile.nodes.map((node) => ({ ...node, callFrame: originalFrame(node.callFrame, sourceMapOf) })) };
}

/** The source map beside each bundle a profile names (`<bundle>.map`), read once for as long as the function is kept; none for other scripts. */
export function bundleSourceMaps(): (url: string) => SourceMap | undefined {
  const maps = new Map<string, SourceMap | undefined>();
  return (url) => {
    if (!url.startsWith('file:') || !url.endsWith('.bundle.mjs')) return undefined;
    if (!maps.has(url)) {
      const file = `${fileURLToPath(url)}.map`;
      maps.set(url, fs.existsSync(file) ? new SourceMap(JSON.parse(fs.readFileSync(file, 'utf8'))) : undefined);
    }
    return maps.get(url);
  };
}
