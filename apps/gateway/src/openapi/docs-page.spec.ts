import { docsPage } from './docs-page.js';
import { openApiDocument } from './openapi-document.js';

describe('the docs page', () => {
  const document = openApiDocument('1.2.3');
  const page = docsPage(document);

  it('shows every operation, with its parameters and responses, and every schema', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(page.html).toContain(`<span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code>`);
        expect(page.html).toContain(`id="op-${operation!.operationId}"`);
      }
    }
    for (const name of Object.keys(document.components.schemas)) expect(page.html).toContain(`id="schema-${name}"`);
    expect(page.html).toContain('<code>Idempotency-Key</code> <span class="required">required</span>');
    expect(page.html).toContain('<code>Retry-After</code>');
    expect(page.html).toContain('application/problem+json');
    // A property, its type, its bound and its description, as the contract says.
    expect(page.html).toMatch(/<code>customerId<\/code> <span class="type">string<\/span> <span class="required">required<\/span> <span class="description">The customer id/);
  });

  it('needs no script and escapes whatever the document says', () => {
    expect(page.html).not.toContain('<script');
    expect(page.headers['Content-Security-Policy']).toContain("script-src 'none'");
    const hostile = docsPage({ ...document, info: { ...document.info, title: '<script>alert(1)</script>' } });
    expect(hostile.html).not.toContain('<script>alert(1)');
    expect(hostile.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});
