import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserPlatformForSuite, openSignedIn, pageWidth, SCREENSHOTS, screenshotPage, VIEWPORTS } from '../support/browser.js';
import { acceptFirstOffer, lead } from '../support/leads.js';
import { PDF, PNG } from '../support/zip.js';

/**
 * 附件 on the lead page and the 投资额/用地 hints of the lead form (issue 13): a promoter uploads a 项目建议书
 * (with its progress), downloads it and is refused a disguised file; the accepting park on a phone adds a
 * photo and deletes it, and cannot delete the board's file; the form offers what the description states.
 * Screenshots tests/output/screenshots/attach-*.png.
 */
const BOARD = 'jiafang';

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];
let leadId: string;
let parkId: string;

const open = (username: string, viewport: keyof typeof VIEWPORTS): Promise<Page> =>
  openSignedIn(browser, p.url, username, VIEWPORTS[viewport], pageErrors, { acceptDownloads: true });
const shot = (page: Page, name: string) => screenshotPage(page, `attach-${name}`);

beforeAll(async () => {
  const sic = await p.call('POST', '/api/leads', lead('sic', BOARD, { sector: '第三代半导体' }), { as: `promoter:${BOARD}` });
  leadId = sic.body.id;
  await p.drain();
  ({ parkId } = await acceptFirstOffer(p, leadId));
}, 180_000);

it('a promoter uploads a 项目建议书 with its progress, downloads the same bytes under its name, and is refused an exe named .pdf', async () => {
  const page = await open(`promoter-${BOARD}`, 'desk');
  await page.goto(`${p.url}/leads/${leadId}`);
  const card = page.getByTestId('lead-attachments');
  await card.getByText('还没有附件').waitFor();
  // The upload is held at the network until its progress has been seen, then let through.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`**/api/leads/${leadId}/attachments`, async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  const proposal = Buffer.concat([PDF, Buffer.alloc(300 * 1024, 0x20)]);
  await card.locator('input[type=file]').setInputFiles({ name: '项目建议书（2026版）.pdf', mimeType: 'application/pdf', buffer: proposal });
  await card.getByTestId('attachment-progress').getByText('正在上传「项目建议书（2026版）.pdf」').waitFor();
  release();
  const item = card.getByTestId('attachment-item').filter({ hasText: '项目建议书（2026版）.pdf' });
  await item.waitFor();
  await item.getByText('南通国际家纺产业园区招商专员').waitFor();
  await item.getByText('300 KB').waitFor();
  await page.getByTestId('lead-history').getByText('南通国际家纺产业园区招商专员 上传「项目建议书（2026版）.pdf」').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('attachment-download').click()]);
  expect(download.suggestedFilename()).toBe('项目建议书（2026版）.pdf');
  expect(readFileSync((await download.path())!).equals(proposal)).toBe(true);

  const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2048, 7)]);
  await card.locator('input[type=file]').setInputFiles({ name: '合同.pdf', mimeType: 'application/pdf', buffer: exe });
  await page.locator('.ant-message').getByText(/不支持该文件类型.*按文件内容判断/).waitFor();
  expect(await card.getByTestId('attachment-item').count()).toBe(1);
  await shot(page, 'lead-promoter-1440');
  expect(pageErrors).toEqual([]);
});

it('the accepting park on a phone adds a photo and deletes it; the board\'s file it can only download; nothing scrolls sideways', async () => {
  const page = await open(`operator-${parkId}`, 'phone');
  await page.goto(`${p.url}/leads/${leadId}`);
  const card = page.getByTestId('lead-attachments');
  const boardFile = card.getByTestId('attachment-item').filter({ hasText: '项目建议书（2026版）.pdf' });
  await boardFile.waitFor();
  expect(await boardFile.getByTestId('attachment-delete').count()).toBe(0);
  await card.locator('input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: PNG });
  const photo = card.getByTestId('attachment-item').filter({ hasText: '现场照片.png' });
  await photo.waitFor();
  await card.scrollIntoViewIfNeeded();
  expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  await shot(page, 'lead-operator-390');
  await card.screenshot({ path: join(SCREENSHOTS, 'attach-card-operator-390.png') });
  await photo.getByTestId('attachment-delete').click();
  await page.getByRole('button', { name: /删\s*除/ }).last().click();
  await photo.waitFor({ state: 'detached' });
  await page.getByTestId('lead-history').getByText(/删除「现场照片\.png」/).waitFor();
  expect(pageErrors).toEqual([]);
});

it('the lead form offers the 投资额 and 用地 the description states, and fills them only when asked', async () => {
  for (const viewport of ['desk', 'phone'] as const) {
    const page = await open(`promoter-${BOARD}`, viewport);
    await page.goto(`${p.url}/leads/new`);
    await page.getByTestId('lead-description').fill('氮化镓射频器件项目，项目总投资12亿元，一期用地80亩，建设6英寸GaN外延与芯片产线。');
    const land = page.getByTestId('suggest-land');
    const amount = page.getByTestId('suggest-amount');
    await land.getByText('从描述中识别：80 亩').waitFor();
    await amount.getByText('从描述中识别：12 亿元').waitFor();
    // offered, not filled
    expect(await page.getByLabel('用地需求（亩）').inputValue()).toBe('');
    expect(await page.getByPlaceholder('金额').inputValue()).toBe('');
    await shot(page, `form-${viewport === 'desk' ? 1440 : 390}`);
    await land.getByRole('button', { name: '填入' }).click();
    expect(await page.getByLabel('用地需求（亩）').inputValue()).toBe('80');
    await land.waitFor({ state: 'detached' });
    await amount.getByRole('button', { name: '填入' }).click();
    expect(await page.getByPlaceholder('金额').inputValue()).toBe('12');
    await page.getByTestId('lead-form').getByText('亿元').first().waitFor();
    await amount.waitFor({ state: 'detached' });
    if (viewport === 'phone') expect(await pageWidth(page)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
  }
  expect(pageErrors).toEqual([]);
});
