import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { forSuite, standIn } from './databases.js';
import { startTestPlatform, type StartOptions, type TestPlatform } from './platform.js';

/**
 * Debian's chromium, headless, as root. The background-networking flags keep it from calling out: this machine's
 * network is closed and refused connections would only add noise.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=WebUIOmniboxPopup'],
  });
}

export const DEMO_PASSWORD = 'parkmatch-demo';

/**
 * The console the suite drives, built from the current source. `npm test` (scripts/test.sh) builds it once before
 * jest and says so in TEST_CONSOLE_BUILT: a suite that rebuilt it then emptied dist/console under the suites running
 * beside it, whose pages answered 503 (console not built).
 */
export function ensureConsoleBuilt(): void {
  if (!process.env.TEST_CONSOLE_BUILT) execFileSync('npm', ['run', '-s', 'build:console'], { cwd: process.cwd(), stdio: 'inherit' });
}

export const SCREENSHOTS = join(process.cwd(), 'tests/output/screenshots');

/**
 * What every browser suite starts from: the console built, the screenshot folder made, a platform (PGlite unless
 * told) and a launched chromium. Close with closeBrowserPlatform.
 */
export async function startBrowserPlatform(o: StartOptions = {}): Promise<{ p: TestPlatform; browser: Browser }> {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const p = await startTestPlatform({ db: 'pglite', ...o });
  return { p, browser: await launchChromium() };
}

/** Closes what startBrowserPlatform started, also after a start that failed half-way. */
export async function closeBrowserPlatform(p: TestPlatform | undefined, browser: Browser | undefined): Promise<void> {
  for (const ctx of browser?.contexts() ?? []) await ctx.close().catch(() => undefined);
  await browser?.close();
  await p?.close();
}

/** startBrowserPlatform for the tests of one file or describe block, closed after them (see forSuite). */
export function browserPlatformForSuite(o: StartOptions = {}): { p: TestPlatform; browser: Browser } {
  const started = forSuite(() => startBrowserPlatform(o), ({ p, browser }) => closeBrowserPlatform(p, browser), 120_000);
  return { p: standIn(() => started.p), browser: standIn(() => started.browser) };
}

/** A full-page screenshot once the page's requests have settled, as tests/output/screenshots/<name>.png. */
export async function screenshotPage(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Signs in through the console's login form, as a person would, and waits for the signed-in shell. */
export async function signInThroughForm(page: Page, base: string, username: string): Promise<void> {
  await page.goto(base + '/');
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('user-menu').waitFor();
}

/** How wide the page is laid out: more than the window means the page itself scrolls sideways. */
export const pageWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** The paths of the console's side menu as the signed-in role sees it (collapsed on a phone, still in the page). */
export const menuPaths = (page: Page) => page.locator('.ant-layout-sider .ant-menu a[href]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));

/** The two windows every console path is tried in. */
export const VIEWPORTS = { desk: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

/**
 * A fresh context at this window (narrower than 500 px: a touch phone), its page errors recorded in `pageErrors`
 * as "user: message", signed in through the login form.
 */
export async function openSignedIn(
  browser: Browser,
  base: string,
  username: string,
  viewport: { width: number; height: number },
  pageErrors: string[],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const phone = viewport.width < 500;
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', isMobile: phone, hasTouch: phone, ...options });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${username}: ${e.message}`));
  // A server error behind a page that then waits forever: said at once, so a timeout names its cause.
  page.on('response', (r) => {
    if (r.status() >= 500) console.warn(`${username}: HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  await signInThroughForm(page, base, username);
  return page;
}

/** Picks an option of an antd Select by its visible text, and waits until the select shows it. */
export async function chooseOption(page: Page, select: Locator, text: string) {
  const root = page.locator('.ant-select').filter({ has: select }).or(select.locator('xpath=ancestor-or-self::*[contains(@class,"ant-select ")]')).first();
  for (let attempt = 0; ; attempt++) {
    await select.click();
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text }).first();
    await option.waitFor();
    await page.waitForTimeout(150); // the dropdown's opening animation: a click during it can miss
    try {
      // A list re-rendered under the pointer (seen on a loaded phone window) leaves the click waiting: open it again.
      await option.click({ timeout: 5000 });
      await root.getByText(text).first().waitFor({ timeout: 3000 });
      return;
    } catch (e) {
      if (attempt === 2) throw e;
      await page.keyboard.press('Escape'); // closed, so the next attempt opens it afresh
    }
  }
}
