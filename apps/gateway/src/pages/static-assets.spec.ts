import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assetSources, SWAGGER_UI_FILES } from './asset-sources.js';
import { filesOf, StaticAssets } from './static-assets.js';

describe('static assets', () => {
  const folder = mkdtempSync(join(tmpdir(), 'assets-'));
  writeFileSync(join(folder, 'page.js'), 'run();');
  writeFileSync(join(folder, 'page.css'), 'body{}');
  writeFileSync(join(folder, '.hidden.js'), 'secret();');
  writeFileSync(join(folder, 'notes.txt'), 'not a web file');

  it('serves the web files of a folder, not its dot files nor what has no web type', () => {
    const assets = new StaticAssets(filesOf(folder));
    expect(assets.names().sort()).toEqual(['page.css', 'page.js']);
    expect(assets.get('page.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8', body: Buffer.from('run();') });
    expect(assets.get('page.js')!.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(assets.get('../page.js')).toBeUndefined();
  });

  it('refuses at start-up a name that is not one URL segment, or named twice', () => {
    const path = join(folder, 'page.js');
    expect(() => new StaticAssets([{ name: 'a/page.js', path }])).toThrow('cannot be served');
    expect(() => new StaticAssets([{ name: 'page.exe', path }])).toThrow('cannot be served');
    expect(() => new StaticAssets([{ name: 'page.js', path }, { name: 'page.js', path }])).toThrow('two assets');
  });

  it("finds the gateway's own browser files, and Swagger UI's from its npm package, each with its web type", () => {
    const assets = new StaticAssets(assetSources());
    expect(assets.names()).toEqual(expect.arrayContaining(['storefront.js', 'docs.js', ...SWAGGER_UI_FILES]));
    expect(assets.get('swagger-ui-bundle.js')).toMatchObject({ contentType: 'text/javascript; charset=utf-8' });
    expect(assets.get('swagger-ui-bundle.js')!.body.toString('utf8')).toContain('SwaggerUIBundle');
    expect(assets.get('swagger-ui.css')).toMatchObject({ contentType: 'text/css; charset=utf-8' });
    expect(assets.get('swagger-ui.css')!.body.toString('utf8')).toContain('.swagger-ui');
    // Named one by one: nothing else of the package (its index.html, its source maps) is served.
    expect(assets.names().filter((name) => name.startsWith('swagger-ui') || name.endsWith('.map'))).toEqual([...SWAGGER_UI_FILES]);
  });
});
