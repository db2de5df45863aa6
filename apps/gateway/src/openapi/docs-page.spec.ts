import { readFileSync } from 'node:fs';
import { docsPage, SWAGGER_UI_ROOT_ID } from './docs-page.js';
import { ASYNCAPI_PATH, DOCS_REFERENCE_PATH, OPENAPI_PATH, openApiDocument } from './openapi-document.js';

describe('the interactive docs page (Swagger UI)', () => {
  const document = openApiDocument('1.2.3');
  const page = docsPage(document);

  it('loads Swagger UI and its initializer from /assets, in that order, and names the document to load', () => {
    const scripts = [...page.html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attributes: match[1], text: match[2] }));
    expect(scripts).toEqual([
      { attributes: ' src="/assets/swagger-ui-bundle.js" defer', text: '' },
      { attributes: ' src="/assets/docs.js" defer', text: '' },
    ]);
    expect(page.html).toContain('<link rel="stylesheet" href="/assets/swagger-ui.css">');
    expect(page.html).toContain(`<main id="${SWAGGER_UI_ROOT_ID}" data-openapi-url="${OPENAPI_PATH}"></main>`);
    // Offline: nothing from another origin.
    expect(page.html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
  });

  it('allows its own origin and the inline style’s hash: no inline script, no unsafe-inline, no eval', () => {
    const csp = page.headers['Content-Security-Policy']!;
    expect(csp).toMatch(/^default-src 'none'; style-src 'self' 'sha256-[A-Za-z0-9+/=]+'; script-src 'self'; connect-src 'self'; img-src 'self' data:;/);
    expect(csp).not.toContain('unsafe');
    expect(page.headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' });
  });

  it('links what Swagger UI does not show: the reference page and its events, the raw documents', () => {
    expect(page.html).toContain(`<a href="${DOCS_REFERENCE_PATH}">Reference</a>`);
    expect(page.html).toContain(`<a href="${DOCS_REFERENCE_PATH}#events">Events by topic</a>`);
    expect(page.html).toContain(`<a href="${ASYNCAPI_PATH}">AsyncAPI</a>`);
    expect(page.html).toContain(`<noscript><p class="docs-noscript">This page needs JavaScript`);
  });

  it('escapes the document’s title', () => {
    const hostile = docsPage({ ...document, info: { ...document.info, title: '<script>alert(1)</script>' } });
    expect(hostile.html).not.toContain('<script>alert(1)');
  });

  it('has an initializer that renders into the page’s element, keeps the authorization and loads nothing from another origin', () => {
    const script = readFileSync(new URL('../../browser/docs.js', import.meta.url), 'utf8');
    expect(script).toContain(`document.getElementById('${SWAGGER_UI_ROOT_ID}')`);
    expect(script).toContain('url: root.dataset.openapiUrl');
    expect(script).toContain('persistAuthorization: true');
    expect(script).toContain('validatorUrl: null');
  });
});
