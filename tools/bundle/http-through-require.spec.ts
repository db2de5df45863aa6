import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_BANNER, httpThroughRequire } from './http-through-require.mjs';

// A module as the apps' are: ES imports of http, named, namespace and default, and a CommonJS require.
const APP = `
import { STATUS_CODES, createServer } from 'node:http';
import * as http from 'http';
import httpDefault from 'node:http';
const required = require('http');
const server = createServer();
console.log(JSON.stringify({
  works: STATUS_CODES[404] === 'Not Found' && http.Agent === httpDefault.Agent && required.Server === server.constructor,
  undiciLoaded: process.moduleLoadList.some((name) => name.includes('undici')),
}));
`;

describe('http through require', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'http-through-require-'));
    writeFileSync(path.join(dir, 'app.js'), APP);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const bundleAndRun = async (plugins: Plugin[]) => {
    const outfile = path.join(dir, `bundle-${plugins.length}.mjs`);
    await build({ entryPoints: [path.join(dir, 'app.js')], outfile, bundle: true, platform: 'node', format: 'esm', banner: { js: BUNDLE_BANNER }, plugins, logLevel: 'silent' });
    return JSON.parse(execFileSync(process.execPath, [outfile], { encoding: 'utf8' })) as { works: boolean; undiciLoaded: boolean };
  };

  it('gives the bundle http without loading undici', async () => {
    expect(await bundleAndRun([httpThroughRequire])).toEqual({ works: true, undiciLoaded: false });
  });

  // What the plugin is for. The day Node's ES module facade of http stops loading undici, this fails: the plugin can go.
  it('is needed: imported as an ES module, http loads undici', async () => {
    expect(await bundleAndRun([])).toEqual({ works: true, undiciLoaded: true });
  });
});
