import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserPlatformForSuite, openSignedIn, SCREENSHOTS } from '../support/browser.js';
import { acceptFirstOffer, lead } from '../support/leads.js';

/** The manager's 产业招商图谱 and 推荐精准度月报 on a phone-sized window and on a desktop, on PGlite. */

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];

beforeAll(async () => {
  const r = await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' });
  expect(r.status).toBe(201);
  await p.drain();
  await acceptFirstOffer(p, r.body.id);
}, 120_000);

const asManager = (width: number, height: number): Promise<Page> => openSignedIn(browser, p.url, 'manager', { width, height }, pageErrors);

describe('产业招商图谱 and 推荐精准度月报 in headless Chromium', () => {
  it('at 390 px the manager searches the chain map, follows a chain link and filters the 补链 gaps, without sideways scrolling', async () => {
    const page = await asManager(390, 844);
    await page.goto(p.url + '/industry-map');
    const sic = page.getByTestId('map-node-third-gen-semi');
    await sic.waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);

    await page.getByTestId('map-search').locator('input').fill('碳化硅');
    await page.getByTestId('map-search').locator('input').press('Enter');
    await page.getByTestId('map-node-food').waitFor({ state: 'detached' });
    await sic.getByText('南通高新区').waitFor();
    await sic.getByText('线索 1').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'industry-map-390.png'), fullPage: false });

    // a chain link searches for that node
    const link = sic.locator('.pm-chain-links .ant-tag').first();
    const label = (await link.textContent())!;
    await link.click();
    expect(await page.getByTestId('map-search').locator('input').inputValue()).toBe(label);
    await page.locator('[data-testid^="map-node-"] .ant-card-head-title', { hasText: label }).first().waitFor();

    await page.getByTestId('map-search').locator('input').fill('');
    await page.getByTestId('map-search').locator('input').press('Enter');
    await page.getByTestId('map-gaps').click();
    const food = page.getByTestId('map-node-food');
    await food.getByText('补链缺口').waitFor();
    await food.getByText('暂无园区覆盖').waitFor();
    expect(await sic.count()).toBe(0);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(pageErrors).toEqual([]);
  });

  it('the manager reads this month’s precision report with its chart and picks another month', async () => {
    const page = await asManager(1440, 900);
    await page.goto(p.url + '/precision');
    await page.getByTestId('precision-chart').locator('canvas').waitFor();
    const table = page.getByTestId('precision-table');
    await table.getByText('推荐接收率').first().waitFor();
    await page.getByTestId('precision-overall-share').getByText('%').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'precision-1440.png'), fullPage: true });

    await page.getByTestId('precision-month').click();
    await page.getByText('1月', { exact: true }).click();
    await page.getByTestId('precision-empty').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
