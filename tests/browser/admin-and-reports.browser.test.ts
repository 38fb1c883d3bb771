import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { chinaDate } from '#domain';
import { LeadWorkService } from '#pipeline';
import { browserPlatformForSuite, chooseOption, openSignedIn, screenshotPage, VIEWPORTS } from '../support/browser.js';
import { lead } from '../support/leads.js';
import { PDF } from '../support/zip.js';

/**
 * The manager's bell and 月度统计表, and the system admin's account, token and audit pages (issue 13), in headless
 * Chromium at 1440×900 and 390×844; screenshots in tests/output/screenshots/daily-*.png.
 */

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];
let leadId: string;

const open = (username: string, viewport: keyof typeof VIEWPORTS): Promise<Page> =>
  openSignedIn(browser, p.url, username, VIEWPORTS[viewport], pageErrors, { acceptDownloads: true });

const shot = (page: Page, name: string) => screenshotPage(page, `daily-${name}`);

beforeAll(async () => {
  leadId = (await p.call('POST', '/api/leads', lead('sic', 'jiafang'), { as: 'promoter:jiafang' })).body.id;
  await p.drain();
  // A next step the manager set for today comes due: one notice in the city's inbox.
  const today = chinaDate(new Date());
  expect((await p.call('POST', `/api/leads/${leadId}/follow-ups`, { happenedOn: today, kind: '会谈', participants: '市科技局', summary: '约谈企业', nextStep: '复核用地指标', nextStepOn: today }, { as: 'manager' })).status).toBe(201);
  expect(await p.app.get(LeadWorkService).remindDue()).toBe(1);
}, 180_000);

it('the manager sees one unread notice on the bell, opens it (read, count gone, lead page open), and exports the 月度统计表', async () => {
  const page = await open('manager', 'desk');
  const count = page.getByTestId('notice-count');
  await count.getByText('1').waitFor();
  await page.getByTestId('notice-bell').click();
  await page.getByTestId('notice-list').getByText('的下一步已到期').waitFor();
  await shot(page, 'bell-manager-1440');
  await page.getByTestId('notice-list').getByText('的下一步已到期').click();
  await page.waitForURL(new RegExp(`/leads/${leadId}$`));
  await count.locator('.ant-badge-count').waitFor({ state: 'detached' });
  const unread = await p.call('GET', '/api/notifications?recipientKind=manager&recipientId=city&unread=true', undefined, { as: 'manager' });
  expect(unread.body.total).toBe(0);

  await page.getByRole('link', { name: '月度统计表' }).click();
  const boards = page.getByTestId('report-boards');
  const row = boards.locator('tr').filter({ hasText: '南通国际家纺产业园区' });
  await row.waitFor();
  expect(await row.innerText()).toContain('200,000'); // 20 亿元 new this month, in 万元
  await shot(page, 'monthly-manager-1440');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('report-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^月度统计表-\d{4}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  expect(wb.worksheets.map((w) => w.name.split(' ')[1])).toEqual(['板块', '园区']);
  expect((wb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['板块', '新增线索']);

  const phone = await open('manager', 'phone');
  await phone.getByRole('link', { name: '月度统计表' }).click().catch(async () => phone.goto(`${p.url}/reports/monthly`));
  await phone.getByTestId('report-parks').locator('tr').nth(2).waitFor();
  await shot(phone, 'monthly-manager-390');
  expect(pageErrors).toEqual([]);
}, 120_000);

it('the admin has its own menu: creates an account, resets its password, disables it, makes an API token and finds it all in the audit log', async () => {
  const page = await open('admin', 'desk');
  await page.waitForURL(/\/admin\/users$/);
  const menu = await page.locator('.ant-layout-sider').innerText();
  expect(menu).toContain('账号管理');
  expect(menu).not.toContain('全市看板');
  expect(menu).not.toContain('项目撞车');

  await page.getByTestId('user-create').click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('用户名').fill('qidong-sun');
  await form.getByLabel('姓名 / 单位').fill('启东市招商局-孙悦');
  await chooseOption(page, form.getByLabel('所属板块'), '启东市');
  await form.getByLabel('初始密码').fill('short');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await form.getByText('密码至少 10 位').waitFor();
  await form.getByLabel('初始密码').fill('sun-first-password');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  const table = page.getByTestId('users-table');
  await table.getByText('启东市招商局-孙悦').waitFor();

  await page.getByTestId('user-password-qidong-sun').click();
  await page.getByTestId('user-form').getByLabel('新密码').fill('sun-second-password');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('已重置密码').waitFor();
  expect((await fetch(p.url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'qidong-sun', password: 'sun-second-password' }) })).status).toBe(200);

  await page.getByTestId('user-toggle-qidong-sun').click();
  await page.getByRole('button', { name: /确\s*定/ }).click();
  await table.locator('tr').filter({ hasText: 'qidong-sun' }).getByText('已停用').waitFor();
  await shot(page, 'admin-users-1440');

  await page.getByRole('link', { name: 'API 令牌' }).click();
  await page.getByTestId('token-create').click();
  await page.getByTestId('token-form').getByLabel('名称（用途）').fill('启东市招商系统对接');
  await page.getByRole('button', { name: /创\s*建/ }).click();
  expect((await page.getByTestId('token-value').innerText()).trim()).toMatch(/^pm_a_/);
  await page.getByTestId('tokens-table').getByText('启东市招商系统对接').waitFor();
  await shot(page, 'admin-tokens-1440');

  await page.getByRole('link', { name: '审计日志' }).click();
  await page.getByTestId('audit-username').fill('admin');
  await page.getByTestId('audit-search').click();
  const audit = page.getByTestId('audit-table');
  await audit.getByText('POST /api/users/:id/password').first().waitFor();
  await audit.getByText('POST /api/auth/api-tokens').first().waitFor();
  await audit.getByText('系统管理员').first().waitFor(); // the person's name, the account name beside it

  // The manager downloads a file of the lead; the admin finds it under a part of the manager's display name.
  const upload = new FormData();
  upload.append('file', new Blob([new Uint8Array(PDF)], { type: 'application/pdf' }), '园区考察纪要.pdf');
  const file = await p.call('POST', `/api/leads/${leadId}/attachments`, upload, { as: 'promoter:jiafang' });
  expect(file.status).toBe(201);
  expect((await p.fetch(`/api/leads/${leadId}/attachments/${file.body.id}`, { as: 'manager' })).status).toBe(200);
  await page.getByTestId('audit-username').fill('科技局');
  await page.getByTestId('audit-search').click();
  const download = audit.locator('tr').filter({ hasText: '附件「园区考察纪要.pdf」' });
  await download.waitFor();
  expect(await download.innerText()).toMatch(/市科技局[\s\S]*下载附件[\s\S]*线索/);
  await shot(page, 'admin-audit-1440');

  const phone = await open('admin', 'phone');
  await phone.getByTestId('users-table').getByText('qidong-sun').waitFor();
  await shot(phone, 'admin-users-390');
  expect(pageErrors).toEqual([]);
}, 120_000);
