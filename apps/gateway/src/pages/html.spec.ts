import { createHash } from 'node:crypto';
import { contentSecurityPolicy, escapeHtml, htmlPage } from './html.js';

describe('html pages', () => {
  it('escapes every character that could open markup or close an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
  });

  it('allows the inline style and script by their hashes only; no script at all without one', () => {
    const page = htmlPage({ title: 'T <b>', style: 'body{}', script: 'run()', body: '<p>x</p>' });
    const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
    expect(page.html).toContain('<title>T &#60;b&#62;</title>');
    expect(page.html).toContain('<style>body{}</style>');
    expect(page.html).toContain('<script>run()</script>');
    expect(page.headers['Content-Security-Policy']).toBe(
      `default-src 'none'; style-src '${hash('body{}')}'; script-src '${hash('run()')}'; connect-src 'self'; img-src 'self' data:; ` +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(contentSecurityPolicy({ style: 'body{}' })).toContain("script-src 'none'");
    expect(page.headers).toMatchObject({ 'Content-Type': 'text/html; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  });

  it('loads the scripts of /assets after the body, allowed as its own origin and nothing wider', () => {
    const page = htmlPage({ title: 'T', style: 'body{}', scripts: ['storefront.js', 'a"b.js'], body: '<p>x</p>' });
    expect(page.html).toMatch(/<p>x<\/p>\n+<script src="\/assets\/storefront.js" defer><\/script>\n<script src="\/assets\/a&#34;b.js" defer><\/script>/);
    expect(page.headers['Content-Security-Policy']).toContain("script-src 'self';");
    expect(page.html).not.toMatch(/<script>/);
  });

  it('links the style sheets of /assets before the inline style, allowed as its own origin beside the inline style’s hash', () => {
    const page = htmlPage({ title: 'T', style: 'body{}', stylesheets: ['swagger-ui.css'], body: '<p>x</p>' });
    const hash = `sha256-${createHash('sha256').update('body{}').digest('base64')}`;
    expect(page.html).toContain('<link rel="stylesheet" href="/assets/swagger-ui.css">\n<style>body{}</style>');
    expect(page.headers['Content-Security-Policy']).toContain(`style-src 'self' '${hash}';`);
    expect(htmlPage({ title: 'T', style: 'body{}', body: '' }).headers['Content-Security-Policy']).toContain(`style-src '${hash}';`);
  });
});
