import { ALL_EVENTS, asyncApiDocument, EVENT_TOPICS } from '@shop/event-contracts';
import { referencePage } from './reference-page.js';
import { ASYNCAPI_PATH, DOCS_PATH, openApiDocument } from './openapi-document.js';

describe('the reference page', () => {
  const document = openApiDocument('1.2.3');
  const asyncApi = asyncApiDocument('4.5.6');
  const page = referencePage(document, asyncApi);

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

  it('links the AsyncAPI document and lists every event type under its topic, with its producer and fields', () => {
    expect(page.html).toContain(`the events, AsyncAPI 3.0.0: <a href="${ASYNCAPI_PATH}">${ASYNCAPI_PATH}</a>`);
    expect(page.html).toContain(`<a href="${DOCS_PATH}">try the API</a>`);
    expect(page.html).toContain('<h2 id="events">Events</h2>');
    for (const topic of EVENT_TOPICS) expect(page.html).toContain(`<a href="#topic-${topic.replaceAll('.', '_')}"><code>${topic}</code></a>`);
    for (const contract of ALL_EVENTS) {
      const section = new RegExp(`<section class="topic" id="topic-${contract.topic.replaceAll('.', '_')}">(?:(?!</section>)[\\s\\S])*<tr id="event-${contract.type.replaceAll('.', '_')}"><td><code>${contract.type.replaceAll('.', '\\.')}</code>`);
      expect(page.html).toMatch(section);
    }
    expect(page.html).toContain('<h3><code>shop.slack.events</code> <small>produced by slack-notifier</small></h3>');
    expect(page.html).toMatch(/<tr id="event-shop_order_shipped_v1">.*<code>trackingUrl\?<\/code>/);
  });

  it('needs no script and escapes whatever the documents say', () => {
    expect(page.html).not.toContain('<script');
    expect(page.headers['Content-Security-Policy']).toContain("script-src 'none'");
    const hostile = referencePage({ ...document, info: { ...document.info, title: '<script>alert(1)</script>' } }, asyncApi);
    expect(hostile.html).not.toContain('<script>alert(1)');
    expect(hostile.html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    const placed = asyncApi.components.messages.orderPlacedV1!;
    const hostileEvents = referencePage(document, {
      ...asyncApi,
      components: { ...asyncApi.components, messages: { ...asyncApi.components.messages, orderPlacedV1: { ...placed, summary: '<img src=x onerror=alert(1)>' } } },
    });
    expect(hostileEvents.html).not.toContain('<img src=x');
    expect(hostileEvents.html).toContain('&#60;img src=x onerror=alert(1)&#62;');
  });
});
