import { createHash } from 'node:crypto';
import { assetUrl } from './static-assets.js';

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A finished page: its HTML and the headers to send it with. */
export interface HtmlPage {
  html: string;
  headers: Readonly<Record<string, string>>;
}

/** What a page is made of. */
export interface PageParts {
  title: string;
  /** Inline, allowed by its hash. */
  style: string;
  /** Inline, allowed by its hash (a page that needs more has its scripts in `scripts`). */
  script?: string;
  /** Names of scripts under /assets (apps/gateway/browser/), run in this order after the body is parsed. */
  scripts?: readonly string[];
  /** Names of style sheets under /assets, before the inline style (which may override them); allowed as `'self'`. */
  stylesheets?: readonly string[];
  head?: string;
  body: string;
}

/**
 * A self-contained page: one inline style, at most one inline script allowed
 * by its hash, and scripts of the gateway's own (/assets, `'self'`), nothing
 * else. No CDN, no other origin: the page talks to the gateway only
 * (`connect-src 'self'`), and works offline.
 */
export function htmlPage(page: PageParts): HtmlPage {
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    // No favicon request (it would be a 404 problem).
    '<link rel="icon" href="data:,">',
    page.head ?? '',
    ...(page.stylesheets ?? []).map((name) => `<link rel="stylesheet" href="${escapeHtml(assetUrl(name))}">`),
    `<style>${page.style}</style>`,
    '</head>',
    '<body>',
    page.body,
    page.script === undefined ? '' : `<script>${page.script}</script>`,
    ...(page.scripts ?? []).map((name) => `<script src="${escapeHtml(assetUrl(name))}" defer></script>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, headers: htmlHeaders(page) };
}

export function contentSecurityPolicy({ style, script, scripts = [], stylesheets = [] }: Pick<PageParts, 'style' | 'script' | 'scripts' | 'stylesheets'>): string {
  const scriptSources = [...(scripts.length > 0 ? ["'self'"] : []), ...(script === undefined ? [] : [`'${sha256(script)}'`])];
  const styleSources = [...(stylesheets.length > 0 ? ["'self'"] : []), `'${sha256(style)}'`];
  return [
    "default-src 'none'",
    `style-src ${styleSources.join(' ')}`,
    `script-src ${scriptSources.length === 0 ? "'none'" : scriptSources.join(' ')}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function htmlHeaders(page: PageParts): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(page),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

/** A CSP source hash: `sha256-<base64>` of the exact text between the tags. */
export function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/** JSON to embed in HTML text (a <pre>), escaped. */
export function prettyJson(value: unknown): string {
  return escapeHtml(JSON.stringify(value, null, 2));
}
