/**
 * CommonJS modules in an ES module bundle still call require() (Node's
 * built-ins, the packages left out): the bundle's first line gives it one.
 */
export const BUNDLE_BANNER =
  "import { createRequire as createBundleRequire } from 'node:module'; const require = createBundleRequire(import.meta.url);";

/**
 * An ES module that imports `node:http` gets it through Node's ES module
 * facade of the built-in, which reads every export once; `http`'s exports
 * include getters for WebSocket, CloseEvent and MessageEvent that load undici
 * (Node's fetch), which no app uses. In a bare Node 24 process, importing
 * `http` so costs 17.3 MB of resident memory, requiring it 3.4 MB; in the
 * seven apps, ~12 MB together at rest. So every import of `http` in the
 * bundle becomes a require(), as in its CommonJS modules, whose exports
 * esbuild reads only where they are used.
 */
const HTTP = /^(node:)?http$/;
export const httpThroughRequire = {
  name: 'http-through-require',
  setup(bundle) {
    bundle.onResolve({ filter: HTTP }, ({ path: name, kind }) =>
      kind === 'import-statement' || kind === 'dynamic-import' ? { path: name, namespace: 'through-require' } : undefined,
    );
    bundle.onLoad({ filter: /.*/, namespace: 'through-require' }, ({ path: name }) => ({
      contents: `module.exports = require(${JSON.stringify(name)});`,
      loader: 'js',
    }));
  },
};
