import type { BrowserContext, Page } from 'playwright-core';
import { browserPlatformForSuite, signInThroughForm } from '../support/browser.js';
import { lead } from '../support/leads.js';

/**
 * The Content-Security-Policy against the real console build in headless Chromium: every main page of each
 * role, a chart tooltip, the API docs and the queue dashboard render with no CSP violation reported by the
 * browser, and the policy does block what it should (an injected inline script).
 */

const { p, browser } = browserPlatformForSuite();
let leadId = '';

/** A context whose pages record every CSP violation (the DOM event) and every CSP message in the console. */
async function context(o: { httpCredentials?: { username: string; password: string } } = {}): Promise<{ ctx: BrowserContext; violations: () => Promise<string[]>; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', ...o });
  // Runs in the page (a string: the tests compile without the DOM library).
  await ctx.addInitScript({
    content: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));`,
  });
  const consoleHits: string[] = [];
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) consoleHits.push(m.text());
  });
  const violations = async () => [...consoleHits, ...((await page.evaluate('window.__csp || []').catch(() => [])) as string[])];
  return { ctx, page, violations };
}

function signIn(page: Page, username: string) {
  return signInThroughForm(page, p.url, username);
}

beforeAll(async () => {
  const created = await p.call('POST', '/api/leads', lead('sic', 'haian'), { as: 'promoter:haian' });
  expect(created.status).toBe(201);
  leadId = created.body.id;
  await p.drain();
}, 120_000);

describe('Content-Security-Policy on the console (headless Chromium)', () => {
  it('the console is served with a CSP that allows only its own scripts and no framing', async () => {
    const res = await fetch(p.url + '/', { headers: { accept: 'text/html' } });
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('manager and promoter pages, a chart tooltip, API docs and queue dashboard render with no CSP violation; an injected inline script is blocked', async () => {
    const { ctx, page, violations } = await context();
    await signIn(page, 'manager');
    await page.waitForURL('**/dashboard');
    const chart = page.getByTestId('chart-board-sector').locator('canvas');
    await chart.waitFor();
    const box = (await chart.boundingBox())!;
    for (let x = 0.2; x < 0.9; x += 0.1) await page.mouse.move(box.x + box.width * x, box.y + box.height * 0.6);
    for (const path of ['/leads', `/leads/${leadId}`, '/sharing', '/sharing/totals', '/review', '/duplicates', '/parks', '/parks/rudong-dz', '/inbox', '/deadlines']) {
      await page.goto(p.url + path);
      await page.getByTestId('user-menu').waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(await violations()).toEqual([]);

    const promoter = await context();
    await signIn(promoter.page, 'promoter-haian');
    await promoter.page.goto(p.url + '/leads/new');
    await promoter.page.getByTestId('user-menu').waitFor();
    await promoter.page.goto(p.url + '/imports');
    await promoter.page.waitForLoadState('networkidle');
    expect(await promoter.violations()).toEqual([]);

    await page.goto(p.url + '/docs');
    await page.getByText('ParkMatch 南通科技招商共享平台 API').first().waitFor();
    expect(await violations()).toEqual([]);

    const admin = await context({ httpCredentials: { username: 'admin', password: 'test-admin-password' } });
    await admin.page.goto(p.url + '/admin/queues');
    await admin.page.getByText('scoring').first().waitFor();
    // bull-board's page links Google Fonts; kept blocked (an admin page makes no third-party request), it falls back to a system font.
    expect((await admin.violations()).filter((v) => !v.includes('https://fonts.googleapis.com/'))).toEqual([]);

    // The detector is live: what the policy forbids is reported.
    await page.goto(p.url + '/leads');
    await page.getByTestId('user-menu').waitFor();
    await page.evaluate(`{ const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.body.appendChild(s); }`);
    await page.waitForFunction(`window.__csp.some((v) => v.startsWith('script-src'))`);
    expect(await page.evaluate('window.__injected')).toBeUndefined();
    await Promise.all([ctx.close(), promoter.ctx.close(), admin.ctx.close()]);
  }, 120_000);
});
