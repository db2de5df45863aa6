import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The shared harness of the browser tests: a real headless Chromium (Debian's,
 * installed by infra/lib/chromium.sh) driven by playwright-core, which never
 * downloads a browser of its own.
 */

export type Viewport = { width: number; height: number };

/** A laptop's window. */
export const DESKTOP: Viewport = { width: 1280, height: 900 };
/** A phone held upright (an iPhone 12–15's CSS width). */
export const PHONE: Viewport = { width: 390, height: 844 };

export type RecordedRequest = { method: string; url: string; resourceType: string };

/** A page with what it did recorded, so a test can assert on it afterwards. */
export type WatchedPage = {
  page: Page;
  /** Console errors, uncaught page errors and failed requests, in the order seen. */
  consoleErrors: string[];
  /** Every request the page made, in the order made. */
  requests: RecordedRequest[];
  close(): Promise<void>;
};

const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium; as root it needs --no-sandbox. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true });
  } catch (error) {
    // Name what is missing, not just that the launch failed.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `cannot start Chromium at ${executablePath} (install it with infra/lib/chromium.sh's ensure_chromium, or set CHROMIUM_PATH): ${reason}`,
      { cause: error },
    );
  }
}

/** Opens `url` in a fresh context of its own (no shared storage) at `viewport`, recording as it goes. */
export async function openPage(browser: Browser, url: string, viewport: Viewport = DESKTOP): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: RecordedRequest[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'failed';
    // A stream the page itself aborts (closing a follow, leaving the page) is not an error.
    if (failure === 'net::ERR_ABORTED' && request.resourceType() === 'fetch') return;
    consoleErrors.push(`request failed: ${request.method()} ${request.url()} (${failure})`);
  });
  page.on('request', (request) =>
    requests.push({ method: request.method(), url: request.url(), resourceType: request.resourceType() }),
  );
  await page.goto(url);
  return { page, consoleErrors, requests, close: () => context.close() };
}

const imagesFolder = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'images');

/**
 * Writes docs/images/<name>.png, the README's pictures, only under SHOP_SCREENSHOTS=1:
 * an ordinary test run leaves the working tree clean. The whole page, or with
 * `fullPage: false` what the window shows (where the page scrolled to).
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  if (process.env.SHOP_SCREENSHOTS !== '1') return;
  const path = join(imagesFolder, `${name}.png`);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage });
}
