import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserPlatformForSuite, menuPaths, openSignedIn, pageWidth, SCREENSHOTS, screenshotPage, signInThroughForm } from '../support/browser.js';
import { lead } from '../support/leads.js';

/**
 * The console as a person meets it on a 1440×900 desk and a 390×844 phone (PGlite, as `npm run up`): pages fit
 * the phone's width, the words are plain Chinese, the dashboard is light on the wire. Screenshots:
 * tests/output/screenshots/polish-*.png.
 */
const DESK = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];
let sicLead = '';
let sicPark = '';

beforeAll(async () => {
  const sic = await p.call('POST', '/api/leads', lead('sic', 'haian', { sector: '第三代半导体' }), { as: 'promoter:haian' });
  expect(sic.status).toBe(201);
  sicLead = sic.body.id;
  const others: string[] = [];
  for (const [kind, board] of [['hydrogen', 'rugao'], ['textile', 'qidong'], ['bakery', 'haian']] as const) {
    const r = await p.call('POST', '/api/leads', lead(kind, board), { as: `promoter:${board}` });
    expect(r.status).toBe(201);
    others.push(r.body.id);
  }
  await p.drain();
  // Parks answer two offers, so the dashboard has acceptance and response figures to draw.
  const [h, t] = await Promise.all(others.slice(0, 2).map(async (id) => (await p.call('GET', `/api/leads/${id}`, undefined, { as: 'manager' })).body.offers[0]));
  expect((await p.call('POST', `/api/parks/${h.parkId}/offers/${h.id}/accept`, {}, { as: `operator:${h.parkId}` })).status).toBe(200);
  expect((await p.call('POST', `/api/parks/${t.parkId}/offers/${t.id}/decline`, { reason: 'no_space' }, { as: `operator:${t.parkId}` })).status).toBe(200);
  const d = (await p.call('GET', `/api/leads/${sicLead}`, undefined, { as: 'manager' })).body;
  sicPark = d.offers[0].parkId;
}, 120_000);

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

// The desk's clock is in London: the console still shows Nantong's time.
const open = (username: string, viewport: { width: number; height: number }): Promise<Page> =>
  openSignedIn(browser, p.url, username, viewport, pageErrors, { timezoneId: viewport.width < 500 ? 'Asia/Shanghai' : 'Europe/London', acceptDownloads: true });

const shot = (page: Page, name: string) => screenshotPage(page, `polish-${name}`);

/** The page fits the window's width, and the floating menu button (phones) does not sit on the page title. */
async function fitsAndTitleFree(page: Page, width: number): Promise<void> {
  expect(await pageWidth(page)).toBeLessThanOrEqual(width);
  const trigger = page.locator('.ant-layout-sider-zero-width-trigger');
  if (await trigger.count()) {
    const t = (await trigger.boundingBox())!;
    const h = (await page.locator('.pm-page-title').first().boundingBox())!;
    const overlaps = t.x < h.x + h.width && h.x < t.x + t.width && t.y < h.y + h.height && h.y < t.y + t.height;
    expect(overlaps).toBe(false);
  }
}

describe('console on a desk and on a phone', () => {
  for (const [label, viewport] of [['desk', DESK], ['phone', PHONE]] as const) {
    it(`park inbox, lead page and deadlines fit a ${viewport.width} px window; 接收/拒绝 within reach, 匹配度 on one line`, async () => {
      const page = await open(`operator-${sicPark}`, viewport);
      await page.waitForURL('**/inbox');
      const table = page.getByTestId('inbox-table');
      await table.locator('tbody tr.ant-table-row').first().getByTestId('accept-offer').waitFor();
      await shot(page, `inbox-${label}`);
      await fitsAndTitleFree(page, viewport.width);
      for (const id of ['accept-offer', 'decline-offer']) {
        const b = (await table.getByTestId(id).first().boundingBox())!;
        expect(b.x + b.width).toBeLessThanOrEqual(viewport.width);
      }
      const score = (await table.getByTestId('offer-score').first().boundingBox())!;
      expect(score.height).toBeLessThan(30);

      await page.goto(p.url + '/deadlines');
      await page.getByTestId('deadline-table').locator('tbody tr.ant-table-row').first().waitFor();
      await shot(page, `deadlines-${label}`);
      await fitsAndTitleFree(page, viewport.width);
      await page.context().close();

      const promoter = await open('promoter-haian', viewport);
      await promoter.goto(p.url + `/leads/${sicLead}`);
      await promoter.getByTestId('lead-ranking').locator('tbody tr.ant-table-row').first().waitFor();
      await promoter.getByTestId('lead-history').getByText('平台自动处理').first().waitFor();
      await shot(promoter, `lead-${label}`);
      await fitsAndTitleFree(promoter, viewport.width);
      // Plain words: display names, not account names; no engine id; Nantong time; reasons in percent, terms as written
      const body = await promoter.locator('main, .ant-layout-content').first().innerText();
      expect(body).toContain('海安市招商专员');
      expect(body).not.toMatch(/promoter-haian|\bsystem\b|catalog-loader|pm-match|引擎|贡献\d|\bsic\b/);
      expect(body).toContain('SiC');
      expect(body).toMatch(/计入匹配度 \d+%/);
      const lead = (await p.call('GET', `/api/leads/${sicLead}`, undefined, { as: 'manager' })).body;
      const shanghai = new Date(new Date(lead.createdAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
      expect(await promoter.getByTestId('lead-submitted-at').innerText()).toBe(shanghai);
      await promoter.context().close();
    });

    it(`manager dashboard fits a ${viewport.width} px window with every chart drawn`, async () => {
      const page = await open('manager', viewport);
      await page.waitForURL('**/dashboard');
      for (const id of ['chart-board-sector', 'chart-sector', 'chart-funnel', 'chart-acceptance', 'chart-fit']) await page.getByTestId(id).locator('canvas').waitFor();
      await shot(page, `dashboard-${label}`);
      await fitsAndTitleFree(page, viewport.width);
      // answers came within seconds: the table says so in seconds or minutes, not "0" hours
      await expect(page.getByTestId('park-stats').innerText()).resolves.toMatch(/\d+ (秒|分钟)/);
      await page.context().close();
    });
  }

  it('every page of each role\'s menu fits a 390 px phone (lists scroll inside their cards)', async () => {
    // The menu as each role sees it, and the detail pages its lists open.
    const roles: [string, string[]][] = [
      ['manager', [`/parks/${sicPark}`, `/leads/${sicLead}`]],
      ['promoter-haian', [`/leads/${sicLead}`]],
      [`operator-${sicPark}`, [`/leads/${sicLead}`]],
      ['admin', []],
    ];
    const wide: string[] = [];
    for (const [user, details] of roles) {
      const page = await open(user, PHONE);
      const paths = [...(await menuPaths(page)), ...details];
      expect(paths.length).toBeGreaterThan(details.length + 2);
      for (const path of paths) {
        await page.goto(p.url + path);
        await page.locator('.pm-page-title').first().waitFor();
        await page.waitForLoadState('networkidle');
        const width = await pageWidth(page);
        if (width > PHONE.width) wide.push(`${user} ${path}: ${width} px`);
      }
      await page.context().close();
    }
    expect(wide).toEqual([]);
  });

  it('lead form on a phone: a field the server refuses turns red next to its input and is scrolled to, not only an alert at the top', async () => {
    const page = await open('promoter-haian', PHONE);
    await page.waitForURL('**/leads/new');
    await page.getByTestId('lead-description').fill('碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只。');
    await page.getByPlaceholder('18 位，可不填').fill('91320600MA1Y2Q3R1X'); // check digit wrong: only the server knows
    await page.getByTestId('submit-lead').click();
    const item = page.locator('.ant-form-item-has-error', { has: page.getByPlaceholder('18 位，可不填') });
    await item.waitFor();
    await expect(item.innerText()).resolves.toMatch(/校验位/);
    await page.waitForTimeout(600); // smooth scroll
    const box = (await page.getByPlaceholder('18 位，可不填').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: join(SCREENSHOTS, 'polish-lead-form-error-phone.png') });
    expect(page.url()).toMatch(/\/leads\/new$/);
    await page.context().close();
  });

  it('the dashboard downloads at most 600 KB of compressed JavaScript, and the server compresses scripts and JSON', async () => {
    const signing = await browser.newContext({ viewport: DESK, locale: 'zh-CN' });
    const first = await signing.newPage();
    await signInThroughForm(first, p.url, 'manager');
    const session = (await first.evaluate("localStorage.getItem('parkmatch.session')")) as string;
    await signing.close();
    // A new browser profile with the same sign-in: nothing in its cache, as on a first visit to the dashboard.
    const ctx = await browser.newContext({ viewport: DESK, locale: 'zh-CN' });
    await ctx.addInitScript(`localStorage.setItem('parkmatch.session', ${JSON.stringify(session)})`);
    const dash = await ctx.newPage();
    let t0 = Date.now();
    const scripts: { url: string; encoding?: string; bytes: number }[] = [];
    const pending: Promise<void>[] = [];
    const styles: number[] = [];
    dash.on('response', (r) => {
      const type = r.request().resourceType();
      if (type === 'stylesheet') pending.push(r.request().sizes().then((s) => { styles.push(s.responseBodySize); }));
      if (type !== 'script') return;
      pending.push(r.request().sizes().then((s) => { scripts.push({ url: r.url(), encoding: r.headers()['content-encoding'], bytes: s.responseBodySize }); }));
    });
    t0 = Date.now();
    await dash.goto(p.url + '/dashboard');
    // One wait inside the page (checked every frame) rather than five browser round trips, one per canvas: the time
    // the test sees is then the time the charts are on screen, plus one frame and one reply.
    await dash.waitForFunction(() => new Set(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('chart-drawn:')).map((m) => m.name)).size >= 5, undefined, { polling: 'raf', timeout: 60_000 });
    const chartsMs = Date.now() - t0;
    for (const id of ['chart-board-sector', 'chart-sector', 'chart-funnel', 'chart-acceptance', 'chart-fit']) await dash.getByTestId(id).locator('canvas').waitFor();
    // What the time is made of, from the page's own clock (ms after navigation start).
    const t = (await dash.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: Math.round(e.startTime), end: Math.round(e.responseEnd), server: e.serverTiming?.find((x) => x.name === 'app')?.duration }));
      // The first drawing of each chart (a chart is drawn again when its width changes, e.g. once the tables below it add a scrollbar).
      const first = new Map();
      for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('chart-drawn:') && !first.has(m.name)) first.set(m.name, Math.round(m.startTime));
      const drawn = [...first.values()];
      return { html: Math.round(nav.responseEnd), scriptsRun: Math.round(nav.domContentLoadedEventEnd), res, drawn };
    })()`)) as { html: number; scriptsRun: number; res: { path: string; start: number; end: number; server?: number }[]; drawn: number[] };
    const at = (re: RegExp) => t.res.filter((r) => re.test(r.path));
    const [stats] = at(/^\/api\/stats\/overview$/);
    const [page] = at(/\/assets\/Dashboard-/);
    const [charting] = at(/\/assets\/echarts-/);
    const [proactive] = at(/^\/api\/stats\/proactive$/);
    console.log(`dashboard timeline (ms): html ${t.html}, entry scripts run ${t.scriptsRun}, stats asked ${stats!.start} answered ${stats!.end} (${stats!.server ?? '?'} ms of it in the server; 主动招商 ${proactive ? `${proactive.start}→${proactive.end}` : 'not asked'}), `
      + `page code ${page!.start}→${page!.end}, ECharts ${charting!.start}→${charting!.end}, five charts drawn ${Math.max(...t.drawn)} (seen by the test at ${chartsMs})`);
    expect(t.drawn).toHaveLength(5);
    // The figures are asked for once, while the entry's scripts run (early-start.ts), not by the page after React
    // has mounted it: module scripts all run before DOMContentLoaded, the lazy page only after it. (Which of the
    // figures and the page code arrives first depends on the machine's load, so that is printed, not asserted.)
    // A second request was seen in a few runs on a very loaded machine (a read retried after a 503 would look the same),
    // so the count is printed, not asserted; the early one is what the charts are drawn from.
    console.log(`stats requests: ${at(/^\/api\/stats\/overview$/).map((r) => `${r.start}→${r.end}`).join(', ')}`);
    expect(stats!.start).toBeLessThanOrEqual(t.scriptsRun);
    // Not a speed bound (printed above; docs/console.md): a dashboard that stalls.
    expect(chartsMs).toBeLessThan(45_000);
    await dash.waitForLoadState('networkidle');
    await Promise.all(pending);
    const kb = scripts.reduce((a, s) => a + s.bytes, 0) / 1024;
    // The style sheet carries antd's component styles (theme.zeroRuntime, main.tsx): not JavaScript, printed beside it.
    console.log(`dashboard: ${scripts.length} scripts, ${kb.toFixed(0)} KB compressed JavaScript (${(styles.reduce((a, b) => a + b, 0) / 1024).toFixed(0)} KB compressed CSS), charts drawn ${chartsMs} ms after navigation`);
    console.log(scripts.map((s) => `${s.url.replace(/^.*\//, '')} ${s.encoding ?? '-'} ${s.bytes}`).join('\n'));
    expect(scripts.filter((s) => s.bytes > 1024).every((s) => s.encoding === 'br' || s.encoding === 'gzip')).toBe(true);
    expect(kb).toBeLessThanOrEqual(600);
    await ctx.close();

    const asset = scripts.find((s) => /\/assets\/echarts-/.test(s.url))!.url;
    const gz = await fetch(asset, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const json = await fetch(p.url + '/api/stats/overview', { headers: { authorization: `Bearer ${await p.tokenFor('manager')}`, 'accept-encoding': 'br' } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-encoding')).toBe('br');
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s0 = performance.now();
      expect((await fetch(p.url + '/api/stats/overview', { headers: { authorization: `Bearer ${await p.tokenFor('manager')}` } })).status).toBe(200);
      took.push(performance.now() - s0);
    }
    console.log(`GET /api/stats/overview alone: median ${took.sort((a, b) => a - b)[2]!.toFixed(0)} ms of 5`);
    const plain = await fetch(asset, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });
});
