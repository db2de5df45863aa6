import type { Browser } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, PHONE, saveScreenshot } from '../support/browser.js';
import { uniqueSuffix } from '../support/environment.js';
import { GatewayClient } from '../support/gateway-client.js';
import { ShopSystem } from '../support/shop-system.js';
import { SEVEN_SERVICES, shippedOrderTrace } from '../traces/order-trace.js';

// Ports 3680-3686, apart from ./shop up and the other tests. Dispatch is quick, so the order ships soon.
const shop = new ShopSystem(3680, { shipping: { SHIPPING_DISPATCH_DELAY_MS: '300' } });
const run = uniqueSuffix();
let browser: Browser;
let traceId: string;
let spanCount: number;

beforeAll(async () => {
  browser = await launchBrowser();
  await shop.start();
  const gateway = new GatewayClient(shop.gatewayUrl);
  ({ traceId, view: { spans: { length: spanCount } } } = await shippedOrderTrace(gateway, `cust-${run}-browser`, `IT-${run}-BROWSER`.toUpperCase()));
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await shop.stop();
});

describe('the trace view in Chromium', () => {
  it('draws an order’s trace: a row per span from all seven services, the header, details on Enter, no console error', async () => {
    const { page, consoleErrors, requests, close } = await openPage(browser, `${shop.gatewayUrl}/traces/${traceId}`, DESKTOP);
    try {
      await page.locator('#spans .span-row').first().waitFor();
      // The services export in batches: spans may still have come in since the test's own read, never gone.
      const rows = await page.locator('#spans .span-row').count();
      expect(rows).toBeGreaterThanOrEqual(spanCount);
      const rowServices = [...new Set(await page.locator('#spans .span-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-service'))))].sort();
      expect(rowServices).toEqual(SEVEN_SERVICES);
      expect(await page.locator('#trace-id').textContent()).toBe(traceId);
      expect(await page.locator('#span-count').textContent()).toBe(String(rows));
      expect(await page.locator('#trace-duration').textContent()).toMatch(/^\d+(\.\d+)? (µs|ms|s)$/);
      expect(await page.locator('#services li').count()).toBe(7);
      // Natively there is no Jaeger UI: no link to one.
      expect(await page.locator('#jaeger-link a').count()).toBe(0);

      // The first row is the gateway's request; Enter on it opens its attributes.
      const first = page.locator('#spans .span-row').first();
      expect(await first.textContent()).toContain('gateway · POST /orders');
      await first.focus();
      await page.keyboard.press('Enter');
      expect(await first.getAttribute('aria-expanded')).toBe('true');
      const details = page.locator(`#span-${await first.getAttribute('data-span-id')}`);
      await details.waitFor();
      expect(await details.textContent()).toContain('http.route');
      await saveScreenshot(page, 'trace-view');
      await page.keyboard.press('Enter');
      expect(await details.isHidden()).toBe(true);

      // Signed in as the demo customer (no storefront token in this fresh context), then the spans: its own origin only.
      expect(requests.filter((request) => request.resourceType === 'fetch').map((request) => `${request.method} ${new URL(request.url).pathname}`)).toEqual([
        'POST /auth/token',
        `GET /traces/${traceId}/spans`,
      ]);
      expect(requests.every((request) => request.url.startsWith(shop.gatewayUrl))).toBe(true);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('uses the storefront’s token when there is one, and fits a phone without scrolling sideways', async () => {
    const { page, consoleErrors, requests, close } = await openPage(browser, `${shop.gatewayUrl}/`, PHONE);
    try {
      const token = await page.evaluate(async () => {
        const answer = await fetch('/auth/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"customerId":"ada"}' });
        const { access_token } = (await answer.json()) as { access_token: string };
        sessionStorage.setItem('event-shop.token', access_token);
        return access_token;
      });
      expect(token).toEqual(expect.any(String));
      requests.length = 0;
      await page.goto(`${shop.gatewayUrl}/traces/${traceId}`);
      await page.locator('#spans .span-row').first().waitFor();
      expect(requests.filter((request) => request.resourceType === 'fetch').map((request) => new URL(request.url).pathname)).toEqual([`/traces/${traceId}/spans`]);
      // Run in the page (the e2e project has no DOM types): how far the page scrolls sideways.
      const overflow = await page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('says a trace Jaeger does not have is not there yet, with Refresh', async () => {
    const { page, consoleErrors, close } = await openPage(browser, `${shop.gatewayUrl}/traces/${'d'.repeat(32)}`, DESKTOP);
    try {
      // The page asks again a few times (2 s apart) before it says so.
      await page.locator('#problem').waitFor({ state: 'visible', timeout: 20_000 });
      expect(await page.locator('#problem').textContent()).toContain('Not in Jaeger yet');
      expect(await page.locator('#refresh').isEnabled()).toBe(true);
      // The 404s are the browser's own report of the answers, not the page's errors.
      expect(consoleErrors.filter((line) => !/404/.test(line))).toEqual([]);
    } finally {
      await close();
    }
  }, 30_000);
});
