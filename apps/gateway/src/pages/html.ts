import { createHash } from 'node:crypto';

/** Text made safe to place in HTML content or a quoted attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A finished page: its HTML and the headers to send it with. */
export interface HtmlPage {
  html: string;
  headers: Readonly<Record<string, string>>;
}

/**
 * A self-contained page: one inline style and at most one inline script, each
 * allowed by its hash, and nothing else. No CDN, no other origin: the page
 * talks to the gateway only (`connect-src 'self'`), and works offline.
 */
export function htmlPage(page: { title: string; style: string; script?: string; head?: string; body: string }): HtmlPage {
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
    `<style>${page.style}</style>`,
    '</head>',
    '<body>',
    page.body,
    page.script === undefined ? '' : `<script>${page.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, headers: htmlHeaders(page.style, page.script) };
}

export function contentSecurityPolicy(style: string, script?: string): string {
  return [
    "default-src 'none'",
    `style-src '${sha256(style)}'`,
    script === undefined ? "script-src 'none'" : `script-src '${sha256(script)}'`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function htmlHeaders(style: string, script?: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': contentSecurityPolicy(style, script),
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
