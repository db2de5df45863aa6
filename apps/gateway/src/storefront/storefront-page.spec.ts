import { Requests, shippingAddressSchema } from '@shop/event-contracts';
import { sha256 } from '../pages/html.js';
import { DEMO_CUSTOMER, storefrontPage } from './storefront-page.js';

describe('the storefront page', () => {
  const page = storefrontPage('http://localhost:16686');

  it('allows its own style and its own origin’s scripts, and nothing from elsewhere', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(page.html)![1]!;
    const csp = page.headers['Content-Security-Policy']!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`style-src '${sha256(style)}'`);
    expect(csp).toMatch(/^default-src 'none'; /);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(page.html.match(/<script[^>]*>/g)).toEqual(['<script src="/assets/event-stream.js" defer>', '<script src="/assets/storefront.js" defer>']);
    expect(page.html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(page.headers['Content-Type']).toBe('text/html; charset=utf-8');
  });

  it('turns the products into cards at a phone’s width, each cell naming its column, and shows where the focus is', () => {
    const style = /<style>([\s\S]*)<\/style>/.exec(page.html)![1]!;
    expect(style).toMatch(/@media \(max-width: 40rem\) \{[\s\S]*#products tr \{ display: grid;[\s\S]*attr\(data-label\)/);
    expect(style).toContain(':focus-visible {');
  });

  it('tells the script where Jaeger is, escaped', () => {
    expect(page.html).toContain('<meta name="jaeger-ui-url" content="http://localhost:16686">');
    expect(storefrontPage('http://x/"><script>').html).toContain('content="http://x/&#34;&#62;&#60;script&#62;"');
  });

  it('is prefilled with a customer and an address the contract accepts', () => {
    const { customerId, email, line2: _line2, ...address } = DEMO_CUSTOMER;
    expect(shippingAddressSchema.safeParse(address).success).toBe(true);
    const order = { customerId, email, items: [{ sku: 'MUG', quantity: 1 }], shippingAddress: address, idempotencyKey: 'k' };
    expect(Requests.placeOrder.parseRequest(order)).toMatchObject({ success: true });
    for (const [name, value] of Object.entries(DEMO_CUSTOMER)) expect(page.html).toContain(`name="${name}" value="${value}"`);
  });
});
