import { Topics } from '@shop/event-contracts';
import type { Kafka } from 'kafkajs';
import type { Browser, Locator, Page } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, PHONE, saveScreenshot, type Viewport, type WatchedPage } from '../support/browser.js';
import { uniqueSuffix } from '../support/environment.js';
import { addProduct } from '../support/inventory-fixtures.js';
import { testKafka } from '../support/kafka-test-topics.js';
import { startGroupAtEnd } from '../support/order-events.js';
import { ShopSystem } from '../support/shop-system.js';

// What page.evaluate's callbacks use in the browser (the e2e project has no DOM types; declared here, not for all of it).
declare const document: { activeElement: { id: string; getAttribute(name: string): string | null } | null; documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };
declare function getComputedStyle(element: unknown): { outlineStyle: string };

// The storefront in a real headless Chromium against a whole shop on ports of its own (3640+).
// The gateway waits up to 10 s for a service: on a loaded 2-core CI machine the 3 s default
// can pass while every other test runs too, and these tests are about what the page shows.
// Products are put straight into the inventory's database (no event tells the catalog cache), so no cache.
const shop = new ShopSystem(3640, { gateway: { GATEWAY_REQUEST_TIMEOUT_MS: '10000', GATEWAY_CATALOG_CACHE: 'off' } });
let browser: Browser;
const pages: WatchedPage[] = [];

const run = uniqueSuffix();
const sku = (name: string) => `BR-${run}-${name}`.toUpperCase();
// An order through the saga, from placing it to SHIPPED with its timeline, on a busy machine;
// a test may wait that long twice (status, then the timeline's end), and more to set up.
const SETTLE_MS = 60_000;
const TEST_MS = 150_000;

beforeAll(async () => {
  // The notifiers start at the end of the topics: what earlier tests left there is not this test's to e-mail.
  const kafka = testKafka('e2e-browser');
  await notifierStartsAtEnd(kafka, 'email', [Topics.orderEvents]);
  await notifierStartsAtEnd(kafka, 'slack-notifier', [Topics.orderEvents, Topics.shippingEvents]);
  // One after the other: a browser launched beside a shop that fails to start would be left running.
  browser = await launchBrowser();
  await shop.start();
}, 120_000);
afterAll(async () => {
  await Promise.all(pages.map((watched) => watched.close()));
  await browser?.close();
  await shop.stop();
});

/**
 * A notifier's group starts at the end of its topics; unless another test's shop
 * is consuming with it right now (Kafka refuses to move a live group's offsets),
 * and then it is at the end already. Nothing here reads mail or Slack.
 */
async function notifierStartsAtEnd(kafka: Kafka, group: string, topics: string[]) {
  try {
    await startGroupAtEnd(kafka, group, topics);
  } catch (error) {
    if (!/no running instances/.test(String(error))) throw error;
  }
}

/** The storefront, signed in as a customer of this run, its products listed. */
async function openStorefront(customer: string, viewport: Viewport = DESKTOP): Promise<WatchedPage> {
  const watched = await openPage(browser, `${shop.gatewayUrl}/`, viewport);
  pages.push(watched);
  const { page } = watched;
  await page.getByLabel('Customer id').fill(`${customer}-${run}`);
  await page.getByLabel('E-mail').fill(`${customer}-${run}@example.com`);
  return watched;
}

const quantityOf = (page: Page, product: string) => page.getByLabel(`Quantity of Test product ${product}`);

/** Waits (bounded) until one of `locator`'s elements shows `text`: a condition, never a time. */
async function waitForText(locator: Locator, text: string | RegExp, timeout = SETTLE_MS) {
  await locator.filter({ hasText: text }).first().waitFor({ timeout });
}

async function waitForStatus(page: Page, status: string, wording: RegExp) {
  await waitForText(page.locator('#order-status'), new RegExp(`^${status}$`));
  await waitForText(page.locator('#order-status-text'), wording);
}

describe('the storefront in Chromium', () => {
  it('places an order and follows it live to SHIPPED over the stream, polling nothing, with no console error', async () => {
    const product = sku('ship');
    await addProduct(product, 5, 2_500);
    const watched = await openStorefront('live');
    const { page } = watched;
    await quantityOf(page, product).fill('2');
    await waitForText(page.locator('#total'), /Total: .*50\.00/, 10_000);

    const placing = page.waitForResponse((response) => response.request().method() === 'POST' && new URL(response.url()).pathname === '/orders');
    await page.getByRole('button', { name: 'Place order' }).click();
    const placed = await placing;
    expect(placed.status()).toBe(202);
    const { orderId } = (await placed.json()) as { orderId: string };

    await waitForText(page.locator('#order-id'), orderId, 10_000);
    await waitForStatus(page, 'SHIPPED', /^Shipped — with /);
    const timeline = page.locator('#timeline li');
    for (const type of ['shop.order.placed.v1', 'shop.order.confirmed.v1', 'shop.order.shipped.v1']) {
      await waitForText(timeline, type);
    }
    await waitForText(page.locator('#timeline-status'), /the order is settled/);
    expect(await page.getByRole('link', { name: 'view the trace' }).getAttribute('href')).toMatch(/^\/traces\/[0-9a-f]{32}$/);
    // Natively Jaeger has no UI (JAEGER_UI_URL empty): no link to one; compose names one.
    const jaegerUi = await page.locator('meta[name="jaeger-ui-url"]').getAttribute('content');
    expect(await page.getByRole('link', { name: 'open in Jaeger' }).count()).toBe(jaegerUi ? 1 : 0);
    await saveScreenshot(page, 'storefront-desktop', { fullPage: false });

    // Live means the stream's requests only: no GET of the order or of its timeline, however often reconnected.
    const post = watched.requests.findIndex((request) => request.method === 'POST' && new URL(request.url).pathname === '/orders');
    const after = watched.requests.slice(post + 1).map((request) => `${request.method} ${new URL(request.url).pathname}`);
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((line) => line !== `GET /orders/${orderId}/events`)).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  }, TEST_MS);

  it('shows an order the inventory cannot fill as REJECTED, with the reason', async () => {
    const product = sku('short');
    await addProduct(product, 1);
    const watched = await openStorefront('short');
    const { page } = watched;
    // The page lets a quantity above the stock through (max is a hint): the inventory decides.
    await quantityOf(page, product).fill('3');
    await page.getByRole('button', { name: 'Place order' }).click();
    await waitForStatus(page, 'REJECTED', new RegExp(`^Rejected — ${product} short \\(3 requested, 1 available\\)`));
    expect(watched.consoleErrors).toEqual([]);
  }, TEST_MS);

  it('fits a 390 px phone: no sideways scrolling, stock and quantity in sight, an order followed to SHIPPED', async () => {
    const product = sku('phone');
    await addProduct(product, 3);
    const watched = await openStorefront('phone', PHONE);
    const { page } = watched;
    const quantity = quantityOf(page, product);
    await quantity.waitFor({ timeout: 10_000 });
    const row = page.locator('#product-rows tr', { has: quantity });
    const stock = row.locator('td.stock');
    await waitForText(stock, /^3$/, 10_000);
    for (const cell of [stock, quantity]) {
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
    // Touch-sized: a finger hits the quantity and the button.
    expect((await quantity.boundingBox())!.height).toBeGreaterThanOrEqual(40);
    expect((await page.getByRole('button', { name: 'Place order' }).boundingBox())!.height).toBeGreaterThanOrEqual(40);

    await quantity.fill('1');
    await page.getByRole('button', { name: 'Place order' }).click();
    await waitForStatus(page, 'SHIPPED', /^Shipped/);
    await waitForText(page.locator('#timeline li'), 'shop.order.shipped.v1');
    await waitForText(page.locator('#timeline-status'), /the order is settled/);
    expect(await horizontalOverflow(page)).toEqual({ scrollWidth: expect.any(Number), overflows: false });
    await saveScreenshot(page, 'storefront-phone', { fullPage: false });
    expect(watched.consoleErrors).toEqual([]);
  }, TEST_MS);

  it('orders from the keyboard alone: Tab to the quantity, type, Enter', async () => {
    const product = sku('keys');
    await addProduct(product, 2);
    const watched = await openStorefront('keys');
    const { page } = watched;
    await quantityOf(page, product).waitFor({ timeout: 10_000 });
    await page.locator('body').focus();
    // Tab until the quantity of this run's product has the focus, as a person would; bounded by
    // the page's controls (every test product in the shared database is listed).
    const focusedLabel = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    const controls = await page.locator('a, button, input').count();
    for (let presses = 0; (await focusedLabel()) !== `Quantity of Test product ${product}`; presses += 1) {
      if (presses > controls) throw new Error(`Tab never reached the quantity of ${product}`);
      await page.keyboard.press('Tab');
    }
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    await waitForStatus(page, 'SHIPPED', /^Shipped/);
    // The focus moved to the order placed, so a keyboard or screen-reader user is where the news is.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tracking-heading');
    expect(watched.consoleErrors).toEqual([]);
  }, TEST_MS);
});

function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const scrollWidth = document.documentElement.scrollWidth;
    return { scrollWidth, overflows: scrollWidth > window.innerWidth };
  });
}
