import type { Browser, Locator, Page } from 'playwright-core';
import { uniqueSuffix } from '../support/environment.js';
import { DESKTOP, launchBrowser, openPage, saveScreenshot, type WatchedPage } from '../support/browser.js';
import { deliverableAddress } from '../support/gateway-client.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { ShopSystem } from '../support/shop-system.js';

// Ports 3700-3702, apart from ./shop up and the other tests. The part of the shop a try-it needs: the gateway
// (the page, the sign-in) and the order service (POST /orders answers 202), with the inventory the order goes
// on to. Without the notifiers, so no consumer group is reset here and nothing is e-mailed.
const shop = new ShopSystem(3700, { gateway: { GATEWAY_REQUEST_TIMEOUT_MS: '10000' } }, ['gateway', 'order', 'inventory']);
const run = uniqueSuffix();
const customerId = `docs-${run}`;
const sku = `IT-${run}-DOCS`.toUpperCase();
let browser: Browser;
let docs: WatchedPage;

beforeAll(async () => {
  await Promise.all([shop.start(), addProduct(sku, 10, 1_250)]);
  browser = await launchBrowser();
}, 90_000);
afterAll(async () => {
  await docs?.close();
  await browser?.close();
  await shop.stop();
});

/** An operation of the page, by its tag and operationId (Swagger UI's ids), opened. */
async function openOperation(page: Page, tag: string, operationId: string): Promise<Locator> {
  const operation = page.locator(`#operations-${tag}-${operationId}`);
  await operation.locator('.opblock-summary-control').click();
  await operation.locator('button.execute').waitFor();
  return operation;
}

/** Execute, then the status and the body of the answer the page shows. */
async function execute(operation: Locator): Promise<{ status: string; body: string }> {
  await operation.locator('button.execute').click();
  const answer = operation.locator('.live-responses-table tbody tr.response').first();
  await answer.waitFor();
  return {
    status: (await answer.locator('.response-col_status').textContent())!.trim(),
    body: (await answer.locator('.response-col_description pre').first().textContent())!,
  };
}

describe('the API docs page in a browser (Swagger UI on the gateway)', () => {
  it('lists every operation, signs in, authorizes and places an order with Try it out, from the gateway alone', async () => {
    const document = (await (await fetch(`${shop.gatewayUrl}/openapi.json`)).json()) as { paths: Record<string, object> };
    const operationCount = Object.values(document.paths).reduce((count, operations) => count + Object.keys(operations).length, 0);
    docs = await openPage(browser, `${shop.gatewayUrl}/docs`, DESKTOP);
    const { page } = docs;
    await page.locator('.opblock').nth(operationCount - 1).waitFor();
    expect(await page.locator('.opblock').count()).toBe(operationCount);
    await expect(page.locator('.info .title').textContent()).resolves.toContain('event-shop gateway');

    // 1. POST /auth/token, its body made this run's customer.
    const signIn = await openOperation(page, 'auth', 'signIn');
    await signIn.locator('textarea.body-param__text').fill(JSON.stringify({ customerId }));
    const token = await execute(signIn);
    expect(token.status).toBe('200');
    const { access_token: accessToken } = JSON.parse(token.body) as { access_token: string };

    // 2. Authorize: the token as customerToken.
    await page.locator('.auth-wrapper button.authorize').click();
    await page.locator('#auth-bearer-value').fill(accessToken);
    await page.locator('.auth-container', { has: page.locator('#auth-bearer-value') }).locator('button.authorize').click();
    await page.locator('.dialog-ux button.btn-done').first().click();
    await expect(page.locator('.auth-wrapper button.authorize').getAttribute('class')).resolves.toContain('locked');

    // 3. POST /orders: the example's Idempotency-Key as it is (new for this customer), the body on this run's product.
    const placeOrder = await openOperation(page, 'orders', 'placeOrder');
    expect(await placeOrder.locator('tr[data-param-name="Idempotency-Key"] input').inputValue()).not.toBe('');
    const body = { email: `${customerId}@example.com`, items: [{ sku, quantity: 2 }], shippingAddress: deliverableAddress };
    await placeOrder.locator('textarea.body-param__text').fill(JSON.stringify(body, null, 2));
    const placed = await execute(placeOrder);
    expect(placed.status).toBe('202');
    const { orderId, status } = JSON.parse(placed.body) as { orderId: string; status: string };
    expect(status).toBe('PENDING');
    // The order is the token's customer's: the page sent the bearer token.
    const read = await fetch(`${shop.gatewayUrl}/orders/${orderId}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ orderId, customerId });

    // The README's picture: the whole page, authorized, the operations folded again (open, each is metres long).
    for (const operation of [placeOrder, signIn]) await operation.locator('.opblock-summary-control').click();
    await placeOrder.locator('button.execute').waitFor({ state: 'detached' });
    // No focus ring nor hover button on the last summary clicked.
    await page.evaluate('document.activeElement.blur()');
    await page.mouse.move(0, 0);
    await saveScreenshot(page, 'api-docs');

    // Nothing went wrong on the page, and it talked to the gateway only: no CDN, no validator badge.
    expect(docs.consoleErrors).toEqual([]);
    const origin = new URL(shop.gatewayUrl).origin;
    expect(docs.requests.filter((request) => !request.url.startsWith(`${origin}/`) && !request.url.startsWith('data:'))).toEqual([]);
    expect(docs.requests.map((request) => new URL(request.url).pathname)).toEqual(
      expect.arrayContaining(['/docs', '/assets/swagger-ui.css', '/assets/swagger-ui-bundle.js', '/assets/docs.js', '/openapi.json', '/auth/token', '/orders']),
    );

    // The authorization is kept across a reload.
    await page.reload();
    await page.locator('.opblock').first().waitFor();
    await expect(page.locator('.auth-wrapper button.authorize').getAttribute('class')).resolves.toContain('locked');
    expect(docs.consoleErrors).toEqual([]);
  });

  it('links the reference page, whose events by topic are there', async () => {
    docs ??= await openPage(browser, `${shop.gatewayUrl}/docs`, DESKTOP);
    const { page } = docs;
    await page.locator('.docs-bar a', { hasText: 'Events by topic' }).click();
    await page.waitForURL(`${shop.gatewayUrl}/docs/reference#events`);
    await expect(page.locator('#events').textContent()).resolves.toBe('Events');
    expect(await page.locator('section.topic').count()).toBeGreaterThan(0);
    expect(docs.consoleErrors).toEqual([]);
  });
});
