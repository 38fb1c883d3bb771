import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserPlatformForSuite, openSignedIn, SCREENSHOTS, VIEWPORTS } from '../support/browser.js';
import { lead } from '../support/leads.js';

/** The manager's 待研判 desk on a phone-sized window, on the embedded database users get (PGlite). */

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];
const codes: string[] = [];

beforeAll(async () => {
  for (const [n, board] of [[1, 'haian'], [2, 'qidong']] as const) {
    const r = await p.call('POST', '/api/leads', lead('bakery', board, { description: `连锁烘焙食品中央工厂（第${n}期），生产面包、蛋糕并配送门店，配套冷链物流中心。` }), { as: `promoter:${board}` });
    expect(r.status).toBe(201);
    codes.push(r.body.code);
  }
  await p.drain();
}, 120_000);

const phoneAsManager = (): Promise<Page> => openSignedIn(browser, p.url, 'manager', VIEWPORTS.phone, pageErrors);

describe('待研判 desk in headless Chromium at 390 px', () => {
  it('the manager sends one no-fit lead to a park and closes another with a reason, without sideways scrolling', async () => {
    const page = await phoneAsManager();
    await page.goto(p.url + '/review');
    const table = page.getByTestId('nofit-table');
    await table.getByText(codes[0]!).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByTestId(`send-${codes[0]}`).click();
    await page.getByTestId('pick-haian-gx').click();
    await page.getByRole('dialog').getByPlaceholder(/说明/).fill('电话沟通后转推');
    await page.getByTestId('send-confirm').click();
    await page.getByText(/已转推到 海安高新区/).waitFor();
    await table.getByText(codes[0]!).waitFor({ state: 'detached' });

    await page.getByTestId(`close-${codes[1]}`).click();
    await page.getByTestId('close-reason').click();
    await page.getByText('不符合本市产业导向').click();
    await page.getByTestId('close-confirm').click();
    await page.getByText(`线索 ${codes[1]} 已关闭`).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, '20-manager-desk-phone.png') });

    const inbox = await p.call('GET', '/api/parks/haian-gx/offers?status=open', undefined, { as: 'operator:haian-gx' });
    expect(inbox.body.items.map((i: any) => i.leadCode)).toContain(codes[0]);
    const list = await p.call('GET', '/api/leads?status=closed', undefined, { as: 'manager' });
    expect(list.body.items.map((i: any) => i.code)).toContain(codes[1]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
