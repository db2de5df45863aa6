import { escapeHtml, type HtmlPage, htmlPage } from '../pages/html.js';
import { ASYNCAPI_PATH, DOCS_REFERENCE_PATH, OPENAPI_PATH, type OpenApiDocument } from './openapi-document.js';

/** Where the page's script finds the document to load: the element Swagger UI renders into carries its URL. */
export const SWAGGER_UI_ROOT_ID = 'swagger-ui';

/**
 * The interactive page at /docs: Swagger UI (swagger-ui-dist, served from
 * /assets like the gateway's own files) loads /openapi.json and lets a reader
 * authorize (the document's security schemes) and try each call. Nothing from
 * another origin: the bundle, its style sheet and the initializer
 * (browser/docs.js) are the gateway's, the calls go to the gateway, so the
 * CSP stays `'self'` plus the hash of the inline style. Swagger UI sets its
 * element styles through the CSSOM (React's style properties), which CSP
 * allows, and its style sheet's icons are `data:` images: no `'unsafe-inline'`,
 * no `'unsafe-eval'` (its one `new Function` is a fallback for a missing
 * globalThis, never reached). e2e/browser/docs.spec.ts signs in, authorizes and
 * places an order in Chromium with no console error, where a refusal would show.
 * The bar on top links what Swagger UI has no place for:
 * the reference page, with the events by topic, and the raw documents.
 */
export function docsPage(document: OpenApiDocument): HtmlPage {
  const body = [
    '<header class="docs-bar">',
    `<strong>${escapeHtml(document.info.title)}</strong>`,
    '<nav>',
    `<a href="${DOCS_REFERENCE_PATH}">Reference</a>`,
    `<a href="${DOCS_REFERENCE_PATH}#events">Events by topic</a>`,
    `<a href="${OPENAPI_PATH}">OpenAPI</a>`,
    `<a href="${ASYNCAPI_PATH}">AsyncAPI</a>`,
    '<a href="/">Storefront</a>',
    '</nav>',
    '</header>',
    `<noscript><p class="docs-noscript">This page needs JavaScript to try the calls. The same document without any script: <a href="${DOCS_REFERENCE_PATH}">${DOCS_REFERENCE_PATH}</a>.</p></noscript>`,
    `<main id="${SWAGGER_UI_ROOT_ID}" data-openapi-url="${OPENAPI_PATH}"></main>`,
  ].join('\n');
  return htmlPage({
    title: `${document.info.title}: API`,
    stylesheets: ['swagger-ui.css'],
    style: STYLE,
    // The bundle defines SwaggerUIBundle, which docs.js calls: in this order (both deferred).
    scripts: ['swagger-ui-bundle.js', 'docs.js'],
    body,
  });
}

/** The bar above Swagger UI, in its colours and font; Swagger UI's own top padding made smaller under it. */
const STYLE = `
body { margin: 0; background: #fafafa; }
.docs-bar { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: baseline; padding: .75rem 20px; background: #1b1b1b; color: #fff; font: 14px/1.5 sans-serif; }
.docs-bar strong { font-size: 16px; }
.docs-bar nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.docs-bar a { color: #9ad7ff; }
.docs-noscript { max-width: 1460px; margin: 1rem auto; padding: 0 20px; font: 14px/1.5 sans-serif; }
#swagger-ui .information-container .info { margin: 30px 0; }
`;
