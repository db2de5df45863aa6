import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appHasDatabase } from './app-package.js';

describe('appHasDatabase', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-app-package-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** apps/<name>/dist/main.js under a package.json with this "shop" block; gives the main script's path. */
  function app(name: string, shop: Record<string, unknown> | undefined, extra: Record<string, unknown> = {}) {
    const dir = path.join(root, name);
    fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `@shop/${name}`, version: '0.1.0', ...(shop && { shop }), ...extra }));
    return path.join(dir, 'dist/main.js');
  }

  it('is false exactly when the "shop" block of the app\'s package.json says "database": false', () => {
    expect(appHasDatabase(app('edge', { port: 3000, edge: true, database: false }))).toBe(false);
    expect(appHasDatabase(app('order', { port: 3001 }))).toBe(true);
    expect(appHasDatabase(app('explicit', { port: 3002, database: true }))).toBe(true);
    expect(appHasDatabase(app('plain', undefined))).toBe(true);
  });

  it("reads the nearest package with a name, not a folder's bare package.json on the way", () => {
    const main = app('nested', { port: 3003, database: false });
    fs.writeFileSync(path.join(path.dirname(main), 'package.json'), JSON.stringify({ type: 'module' }));
    expect(appHasDatabase(main)).toBe(false);
  });

  it('says yes without a main script or a package: the runtime then asks for DATABASE_URL, as before', () => {
    expect(appHasDatabase(undefined)).toBe(true);
    expect(appHasDatabase('/no/such/dir/main.js')).toBe(true);
  });
});
