import type { Plugin } from 'esbuild';

/** The bundle's first line: the require() its CommonJS modules call. */
export const BUNDLE_BANNER: string;
/** esbuild plugin: every import of `http` in the bundle becomes a require(). */
export const httpThroughRequire: Plugin;
