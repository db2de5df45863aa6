#!/usr/bin/env node
// Bundles an app's compiled program (dist/main.js, what tsc wrote) and every
// module it imports into one file, dist/main.bundle.mjs, the file the app runs
// from (APP_ENTRY in tools/services/services.mjs). Usage, from an app folder
// (the end of its `build` script):
//   node ../../tools/bundle/bundle-app.mjs
//
// Why: an app imports ~1,800 modules. Node resolves, reads and keeps the
// source text of each; one file halves the app's start-up CPU and takes
// ~20 MB off its memory (bench/reports/startup-*.md, peak-memory-*.md).
// Whitespace and syntax are minified, names are not: V8 keeps an app's whole
// source in memory, and ~2 MB less of it (7 MB instead of 9) took ~3 MB off
// each app's peak (bench/reports/peak-memory-2026-12-05.md). A stack trace
// still names each function as it was written, at a column of the bundle;
// `NODE_OPTIONS=--enable-source-maps` maps it back to the TypeScript (esbuild
// chains tsc's source maps). For the same reason two things stay out of the
// bundle (see below): the base64 of Prisma's query compiler, and gRPC.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUNDLE_BANNER, httpThroughRequire } from './http-through-require.mjs';

const appDir = process.cwd();
const root = path.resolve(import.meta.dirname, '../..');
const outfile = path.join(appDir, 'dist/main.bundle.mjs');

// Packages that Nest loads only for a transport or feature the shop does not
// use (gRPC, MQTT, NATS, RabbitMQ, Redis, WebSockets, class-validator pipes),
// each behind a try/catch, and pg's optional native binding: left out, as
// they are not installed or, @grpc/grpc-js (installed for OpenTelemetry's gRPC
// exporters, which the bundle leaves out too: withoutGrpcExporters), never loaded.
const NOT_INSTALLED = [
  '@grpc/grpc-js',
  '@grpc/proto-loader',
  '@nats-io/transport-node',
  '@nestjs/websockets/*',
  'amqp-connection-manager',
  'amqplib',
  'class-transformer',
  'class-validator',
  'ioredis',
  'mqtt',
  'pg-native',
];

/**
 * The shop's own modules find files next to them (the gateway its pages, a
 * library its package.json) through `import.meta.url`, which in a bundle would
 * be the bundle's. Each is given its own location again, relative to the
 * bundle so that the app folder can move. A workspace library is addressed as
 * the app reaches it, through its node_modules/@shop/, which is also where the
 * app's image (infra/image/deploy-app.sh) copies it.
 */
const ownModuleUrls = {
  name: 'own-module-urls',
  setup(bundle) {
    bundle.onLoad({ filter: /\.js$/ }, async ({ path: file }) => {
      if (file.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = await readFile(file, 'utf8');
      if (!source.includes('import.meta')) return undefined;
      if (/import\.meta\.(dirname|filename)/.test(source)) {
        throw new Error(`${path.relative(root, file)}: use import.meta.url, which the bundle rewrites, not import.meta.dirname or filename`);
      }
      const location = path.relative(path.dirname(outfile), asTheAppReachesIt(file)).split(path.sep).join('/');
      return {
        contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(location)}, import.meta.url).href`),
        loader: 'js',
        resolveDir: path.dirname(file),
      };
    });
  },
};

/**
 * Prisma's generated client (runtime "nodejs") imports its query compiler as a
 * base64 string of ~2.3 MB and decodes it. In a bundle V8 would hold that text
 * twice for the process's life: in the bundle's source, and as the string the
 * imported module keeps. Instead the bundle compiles the query compiler from
 * the file it decodes to, written next to the bundle (dist/, which the app's
 * image copies): ~4.5 MB less resident memory an app with a database.
 */
const QUERY_COMPILER_FROM_BASE64 =
  /const \{ wasm \} = await import\("(@prisma\/client\/runtime\/[\w.]+\.wasm-base64\.mjs)"\);\s*return await decodeBase64AsWasm\(wasm\);/;
const prismaQueryCompilerFromFile = {
  name: 'prisma-query-compiler-from-file',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]generated[\\/]prisma[\\/]internal[\\/]class\.js$/ }, async ({ path: file }) => {
      const source = await readFile(file, 'utf8');
      const found = QUERY_COMPILER_FROM_BASE64.exec(source);
      if (!found) {
        throw new Error(`${path.relative(root, file)}: Prisma's client no longer imports its query compiler as base64; see prismaQueryCompilerFromFile`);
      }
      const base64Module = await bundle.resolve(found[1], { kind: 'dynamic-import', resolveDir: path.dirname(file) });
      if (base64Module.errors.length > 0) throw new Error(`cannot resolve ${found[1]} from ${file}`);
      const wasmFile = path.basename(base64Module.path).replace(/-base64\.mjs$/, '');
      const { wasm } = await import(pathToFileURL(base64Module.path).href);
      await writeFile(path.join(path.dirname(outfile), wasmFile), Buffer.from(wasm, 'base64'));
      const fromFile = `const { readFile } = await import('node:fs/promises');
        return new WebAssembly.Module(await readFile(new URL(${JSON.stringify(`./${wasmFile}`)}, import.meta.url)));`;
      return { contents: source.replace(found[0], fromFile), loader: 'js', resolveDir: path.dirname(file) };
    });
  },
};

/**
 * The apps send traces over OTLP/HTTP (libs/runtime/src/tracing/start-tracing.ts).
 * @opentelemetry/sdk-node imports the gRPC exporters as well, for a choice made
 * by environment variables, and each app loaded them, and gRPC with them, at
 * start. In the bundle they are one module whose exporters refuse to be built,
 * saying why: ~0.4 MB less source, and less loaded at start.
 */
const GRPC_EXPORTERS = /^@opentelemetry\/(exporter-(trace|logs|metrics)-otlp-grpc|otlp-grpc-exporter-base)$/;
const withoutGrpcExporters = {
  name: 'without-grpc-exporters',
  setup(bundle) {
    bundle.onResolve({ filter: GRPC_EXPORTERS }, ({ path: name }) => ({ path: name, namespace: 'left-out' }));
    bundle.onLoad({ filter: /.*/, namespace: 'left-out' }, ({ path: name }) => ({
      contents: `const leftOut = () => { throw new Error(${JSON.stringify(`${name} is not in the app's bundle: the shop exports traces over OTLP/HTTP`)}); };
        export class OTLPTraceExporter { constructor() { leftOut(); } }
        export class OTLPLogExporter { constructor() { leftOut(); } }
        export class OTLPMetricExporter { constructor() { leftOut(); } }
        export { leftOut as createEmptyMetadata, leftOut as createInsecureCredentials, leftOut as createSslCredentials };`,
      loader: 'js',
    }));
  },
};

function asTheAppReachesIt(file) {
  const inLibs = path.relative(path.join(root, 'libs'), file);
  if (inLibs.startsWith('..')) return file;
  const [library, ...rest] = inLibs.split(path.sep);
  return path.join(appDir, 'node_modules/@shop', library, ...rest);
}

await build({
  entryPoints: [path.join(appDir, 'dist/main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  // ESM builds where a package has both: esbuild can then leave out what is not imported.
  mainFields: ['module', 'main'],
  external: NOT_INSTALLED,
  banner: { js: BUNDLE_BANNER },
  // Classes and functions keep their names (Nest's log contexts, error names), which the bundle's one scope would otherwise suffix.
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
  // Identifiers stay as written, so that stack traces and profiles read without the map.
  minifyIdentifiers: false,
  plugins: [prismaQueryCompilerFromFile, withoutGrpcExporters, httpThroughRequire, ownModuleUrls],
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
});

// esbuild writes strings and names in ASCII, but a tagged template's text as
// it is (the tag may read it raw): the e-mails' dashes and "×". A source with
// one character beyond ASCII is held by V8 in two bytes a character (~18 MB
// instead of ~9 for the unminified file). Escaped, the templates read the same
// to a tag that takes the cooked strings, as the e-mails' `html` does.
const bundled = await readFile(outfile, 'utf8');
// eslint-disable-next-line no-control-regex
const ascii = bundled.replace(/[^\x00-\x7f]/gu, (character) => `\\u{${character.codePointAt(0).toString(16)}}`);
if (ascii !== bundled) await writeFile(outfile, ascii);
