import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { browserPlatformForSuite, chooseOption as choose, openSignedIn, screenshotPage, VIEWPORTS } from '../support/browser.js';
import { acceptFirstOffer, lead } from '../support/leads.js';

/**
 * The daily work around a lead in the console (issue 13): a promoter logs a visit, names a 责任人, searches the
 * list by 行业 substring and 责任人 and exports it; a park operator on a phone records a 考察 on the accepted
 * project. Screenshots at 1440×900 and 390×844 in tests/output/screenshots/daily-*.png.
 */
const BOARD = 'jiafang';

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];
let leadId: string;
let leadCode: string;
let textileCode: string;
let parkId: string;

const open = (username: string, viewport: keyof typeof VIEWPORTS): Promise<Page> =>
  openSignedIn(browser, p.url, username, VIEWPORTS[viewport], pageErrors, { acceptDownloads: true });

const shot = (page: Page, name: string) => screenshotPage(page, `daily-${name}`);

/** The lead's page as this user, its follow-up log once it shows `shown`, and the form for a new entry opened. */
async function followUpForm(username: string, viewport: keyof typeof VIEWPORTS, shown: string) {
  const page = await open(username, viewport);
  await page.goto(`${p.url}/leads/${leadId}`);
  const log = page.getByTestId('lead-follow-ups');
  await log.getByText(shown).waitFor();
  await page.getByTestId('follow-up-add').click();
  return { page, log, form: page.getByTestId('follow-up-form') };
}

beforeAll(async () => {
  expect((await p.call('POST', '/api/users', { username: 'jiafang-wangmin', name: '王敏', role: 'promoter', boardId: BOARD, password: 'wangmin-password-1' }, { as: 'admin' })).status).toBe(201);
  const sic = await p.call('POST', '/api/leads', lead('sic', BOARD, { sector: '第三代半导体' }), { as: `promoter:${BOARD}` });
  const textile = await p.call('POST', '/api/leads', lead('textile', BOARD, { sector: '家用纺织品' }), { as: `promoter:${BOARD}` });
  ({ id: leadId, code: leadCode } = sic.body);
  textileCode = textile.body.code;
  await p.drain();
  ({ parkId } = await acceptFirstOffer(p, leadId));
}, 180_000);

it('a promoter logs a visit with a next step, names 王敏 责任人, finds the lead by 半导体 and 责任人, and exports what the list shows', async () => {
  const { page, log, form } = await followUpForm(`promoter-${BOARD}`, 'desk', '还没有跟进记录');
  await form.getByLabel('参加人员').fill('王敏、企业张总');
  await form.getByLabel('跟进情况').fill('走访企业，确认一期用地 150 亩，二期视市场再定');
  await form.getByLabel('下一步', { exact: true }).fill('安排园区考察');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  // A next step without its date is refused next to the field.
  await form.getByText('请选择下一步的日期').waitFor();
  await form.getByLabel('下一步日期').fill('2026-12-08');
  await form.getByLabel('下一步日期').press('Enter');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await log.getByTestId('follow-up-item').filter({ hasText: '走访' }).filter({ hasText: '安排园区考察' }).waitFor();

  await choose(page, page.getByTestId('owner-board'), '王敏');
  // Display names, not login names.
  await page.getByTestId('lead-history').getByText('南通国际家纺产业园区招商专员 指派板块责任人：王敏').waitFor();
  await shot(page, 'lead-promoter-1440');

  await page.goto(`${p.url}/leads`);
  const table = page.getByTestId('lead-table');
  await table.getByText(textileCode).waitFor();
  await page.getByTestId('lead-sector').fill('半导体');
  await page.getByTestId('lead-search-submit').click();
  await table.getByText(textileCode).waitFor({ state: 'detached' });
  await table.getByText(leadCode).waitFor();
  await choose(page, page.getByTestId('lead-owner-filter'), '王敏');
  await page.getByTestId('lead-search-submit').click();
  await page.waitForURL(/owner=/);
  await table.getByText('王敏').first().waitFor();
  await shot(page, 'list-promoter-1440');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lead-export').click()]);
  expect(download.suggestedFilename()).toBe('线索列表.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  const row = Object.fromEntries(header.map((h, i) => [String(h), String((sheet.getRow(2).values as unknown[])[i + 1] ?? '')]));
  expect(sheet.rowCount).toBe(2);
  expect(row).toMatchObject({ 线索编号: leadCode, 板块责任人: '王敏', 来源板块: '南通国际家纺产业园区' });

  await page.getByTestId('lead-search-reset').click();
  await table.getByText(textileCode).waitFor();
  expect(page.url()).not.toContain('sector=');

  const phone = await open(`promoter-${BOARD}`, 'phone');
  await phone.goto(`${p.url}/leads?sector=${encodeURIComponent('半导体')}`);
  await phone.getByTestId('lead-table').getByText(leadCode).waitFor();
  // the table scrolls inside its card; the page itself does not scroll sideways
  expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(phone, 'list-promoter-390');
  await phone.goto(`${p.url}/leads/${leadId}`);
  await phone.getByTestId('follow-up-item').first().waitFor();
  await shot(phone, 'lead-promoter-390');
  expect(pageErrors).toEqual([]);
}, 120_000);

it('the accepting park operator on a phone records a 考察 and names its own 责任人; the visit before it is there too', async () => {
  const { page, log, form } = await followUpForm(`operator-${parkId}`, 'phone', '安排园区考察');
  await choose(page, form.getByLabel('方式'), '考察');
  await form.getByLabel('参加人员').fill('园区招商部、企业张总');
  await form.getByLabel('跟进情况').fill('企业来园考察标准厂房与配套');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await log.getByTestId('follow-up-item').filter({ hasText: '考察' }).filter({ hasText: '标准厂房' }).waitFor();
  const staff = (await p.call('GET', '/api/staff', undefined, { as: `operator:${parkId}` })).body.items[0];
  await choose(page, page.getByTestId('owner-park'), staff.name);
  await page.getByTestId('lead-history').getByText(`指派园区责任人：${staff.name}`).waitFor();
  await shot(page, 'lead-operator-390');
  const desk = await open(`operator-${parkId}`, 'desk');
  await desk.goto(`${p.url}/leads/${leadId}`);
  await desk.getByTestId('lead-owners').getByText('王敏').waitFor();
  await shot(desk, 'lead-operator-1440');
  const follow = (await p.call('GET', `/api/leads/${leadId}/follow-ups`, undefined, { as: 'manager' })).body.items;
  expect(follow.map((f: any) => f.kind)).toEqual(expect.arrayContaining(['走访', '考察']));
  expect(pageErrors).toEqual([]);
}, 120_000);

it('a list that meets a busy server once (503 with Retry-After, as a full pool or a restarting proxy answers) shows its rows after the console asks again', async () => {
  const page = await open(`promoter-${BOARD}`, 'desk');
  await page.goto(`${p.url}/leads`);
  const table = page.getByTestId('lead-table');
  await table.getByText(textileCode).waitFor();
  let refused = 0;
  // The next answer to the list is replaced at the network edge; the retry, and every other request, reach the real API.
  await page.route(/\/api\/leads\?/, async (route) => {
    if (refused > 0 || route.request().method() !== 'GET') return route.continue();
    refused++;
    await route.fulfill({ status: 503, headers: { 'retry-after': '1', 'content-type': 'application/json' }, body: JSON.stringify({ code: 'DATABASE_BUSY', message: '数据库繁忙' }) });
  });
  const answered = page.waitForResponse((r) => r.url().includes('/api/leads?') && r.status() === 200, { timeout: 15_000 });
  await page.getByRole('button', { name: /刷\s*新/ }).click();
  await answered;
  expect(refused).toBe(1);
  await table.getByText(textileCode).waitFor();
  expect(await page.getByText('数据库繁忙').count()).toBe(0);
  expect(pageErrors).toEqual([]);
}, 60_000);

it('the park operator filters 承接项目 and the inbox by 责任人, at 1440×900 and on a phone', async () => {
  expect((await p.call('POST', '/api/users', { username: `${parkId}-lina`, name: '李娜', role: 'park_operator', parkId, password: 'lina-password-12' }, { as: 'admin' })).status).toBe(201);
  const owner = (await p.call('GET', `/api/leads/${leadId}`, undefined, { as: `operator:${parkId}` })).body.owners.park.name as string;
  const desk = await open(`operator-${parkId}`, 'desk');
  await desk.goto(`${p.url}/projects`);
  const projects = desk.getByTestId('projects-table');
  await projects.getByText(leadCode).first().waitFor();
  await choose(desk, desk.getByTestId('park-owner-filter'), '李娜');
  await projects.getByText('该责任人暂无负责的项目').waitFor();
  await choose(desk, desk.getByTestId('park-owner-filter'), owner);
  await desk.waitForURL(/owner=/);
  await projects.locator('tr', { hasText: leadCode }).getByText(owner).waitFor();
  await shot(desk, 'projects-owner-1440');

  // The inbox opens on 待答复, where no offer has a 责任人 yet: picking one moves to 已接收.
  const phone = await open(`operator-${parkId}`, 'phone');
  await phone.goto(`${p.url}/inbox`);
  await choose(phone, phone.getByTestId('park-owner-filter'), owner);
  const inbox = phone.getByTestId('inbox-table');
  await inbox.getByText(`责任人：${owner}`).waitFor();
  await phone.getByRole('tab', { name: '已接收', selected: true }).waitFor();
  expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
  await shot(phone, 'inbox-owner-390');
  expect(pageErrors).toEqual([]);
}, 120_000);
