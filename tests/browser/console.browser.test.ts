import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { browserPlatformForSuite, openSignedIn, pageWidth, SCREENSHOTS, screenshotPage, VIEWPORTS } from '../support/browser.js';
import { lead } from '../support/leads.js';

/**
 * The web console in headless Chromium (Debian's chromium driven by playwright-core), one main path per role,
 * against the real platform on the embedded database users get from `npm run up` (PGlite, with the workers
 * in the API process, and Redis). Screenshots of each main page go to
 * tests/output/screenshots/.
 */
const SIC = '碳化硅功率器件及外延片项目，建设6英寸SiC晶圆产线，年产车规级功率模块100万只。';

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];

const shot = (page: Page, name: string) => screenshotPage(page, `${name}`);

const signIn = (username: string): Promise<Page> => openSignedIn(browser, p.url, username, VIEWPORTS.desk, pageErrors, { acceptDownloads: true });

async function leadDetail(id: string) {
  return (await p.call('GET', `/api/leads/${id}`, undefined, { as: 'manager' })).body;
}

beforeAll(async () => {
  // Background for the manager's lists: a lead no park fits, and one project brought by two boards.
  const seeded = [await p.call('POST', '/api/leads', lead('bakery', 'haian'), { as: 'promoter:haian' })];
  const dup = { creditCode: '91320600MA1Y2Q3R1G', company: '江苏锦程新材料科技有限公司', description: '高性能铝镁合金轻量化材料及汽车零部件项目，建设熔铸与精密压铸产线。', amount: { value: 6, unit: '亿元' } };
  seeded.push(await p.call('POST', '/api/leads', { ...dup, originBoard: 'rugao' }, { as: 'promoter:rugao' }));
  seeded.push(await p.call('POST', '/api/leads', { ...dup, originBoard: 'qidong' }, { as: 'promoter:qidong' }));
  expect(seeded.map((r) => r.status)).toEqual([201, 201, 201]);
  await p.drain();
}, 120_000);

afterEach(() => {
  expect(pageErrors).toEqual([]);
});

describe('web console in headless Chromium', () => {
  let leadId = '';
  let leadCode = '';
  let parkId = '';

  it('serves the console at / with an SPA fallback, a 404 page, and leaves the API alone', async () => {
    const index = await fetch(p.url + '/leads/new', { headers: { accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root">');
    // The console's admin pages are its own (a reload or a link opens them); the queue dashboard is the server's.
    for (const path of ['/admin/users', '/admin/tokens', '/admin/audit?username=admin']) {
      const page = await fetch(p.url + path, { headers: { accept: 'text/html' } });
      expect([path, page.status, await page.text()]).toEqual([path, 200, expect.stringContaining('<div id="root">')]);
    }
    expect((await fetch(p.url + '/admin/queues', { headers: { accept: 'text/html' } })).status).toBe(401);
    const api404 = await fetch(p.url + '/api/no-such-thing', { headers: { accept: 'text/html' } });
    expect(api404.headers.get('content-type')).toContain('json');
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    await page.goto(p.url + '/no/such/page');
    await page.getByText('页面不存在', { exact: true }).waitFor();
    await page.context().close();
  });

  it('promoter: signs in, types a lead and sees the live ranking with reasons, submits, and lands on the lead page', async () => {
    const page = await signIn('promoter-haian');
    await page.waitForURL('**/leads/new');
    await page.getByTestId('lead-description').fill(SIC);
    const preview = page.getByTestId('preview-ranking');
    await preview.locator('tbody tr').first().waitFor();
    expect(await preview.locator('tbody tr').count()).toBe(8);
    await expect(page.getByTestId('live-preview').innerText()).resolves.toMatch(/主攻方向对口|产业链相关/);
    await expect(page.getByTestId('live-preview').innerText()).resolves.toMatch(/南通高新区|如东开发区|苏锡通科技产业园区/);
    await page.getByPlaceholder('如：江苏某某科技有限公司').fill('江苏芯能碳化硅科技有限公司');
    await page.getByPlaceholder('姓名').fill('张经理');
    await page.getByPlaceholder('电话').fill('13800000000');
    await shot(page, '01-promoter-lead-form');

    await page.getByTestId('submit-lead').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
    leadId = page.url().split('/').pop()!;
    await p.drain();
    await page.getByTestId('lead-ranking').locator('tbody tr').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('lead-offers').getByText('待答复').first().waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('lead-history').innerText()).resolves.toContain('推送园区');
    await shot(page, '02-promoter-lead-detail');

    const d = await leadDetail(leadId);
    leadCode = d.code;
    parkId = d.offers[0].parkId;
    expect(d.offers.every((o: any) => o.board !== 'haian')).toBe(true);

    await page.getByRole('link', { name: '线索列表' }).click();
    await page.getByTestId('lead-table').getByText(leadCode).waitFor();
    await shot(page, '03-promoter-lead-list');
    await page.context().close();
  });

  it('promoter: a batch import shows its progress, the row errors and the error report', async () => {
    const page = await signIn('promoter-haian');
    await page.getByRole('link', { name: '批量导入' }).click();
    const csv = [
      '企业名称,统一社会信用代码,项目描述,所属行业,投资额,投资额单位,用地(亩),招商渠道,联系人,联系电话,联系邮箱',
      '南通氢能装备有限公司,,氢燃料电池电堆与膜电极生产基地，配套加氢站示范运营。,氢能,8,亿元,60,科技招商,李工,13900000000,',
      '海安新材料有限公司,,高性能铝镁合金轻量化材料及汽车零部件项目，建设熔铸产线。,新材料,3,亿元,40,产业链招商,王工,13700000000,',
      '缺描述的公司,,,,1,亿元,,,,,',
    ].join('\n');
    const file = join(SCREENSHOTS, '..', 'import-sample.csv');
    writeFileSync(file, '\ufeff' + csv);
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('start-import').click();
    await page.getByText(/导入完成：2 行成功，1 行有错误/).waitFor({ timeout: 30_000 });
    // done only once both stored leads are scored and shared; the page shows the counts
    await expect(page.getByTestId('import-progress').innerText()).resolves.toMatch(/已评分\s*2\s*条[\s\S]*已推送\s*2\s*条/);
    await expect(page.getByTestId('import-errors').innerText()).resolves.toMatch(/项目描述/);
    const download = page.waitForEvent('download');
    await page.getByTestId('download-errors').click();
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    await shot(page, '04-promoter-import');
    await page.context().close();
  });

  it('park operator: sees the offer in the inbox, accepts it, and moves the project to 签约', async () => {
    const page = await signIn(`operator-${parkId}`);
    await page.waitForURL('**/inbox');
    const row = page.getByTestId('inbox-table').locator('tr', { hasText: leadCode });
    await row.waitFor();
    await expect(row.innerText()).resolves.not.toContain('江苏芯能'); // de-identified until accepted
    await shot(page, '05-operator-inbox');
    await row.getByTestId('accept-offer').click();
    await page.getByRole('button', { name: /^接\s*收$/ }).last().click();
    await page.getByText(/已接收线索/).waitFor();

    await page.getByRole('link', { name: '承接项目' }).click();
    const project = page.getByTestId('projects-table').locator('tr', { hasText: '江苏芯能碳化硅科技有限公司' });
    await project.waitFor();
    await project.getByTestId('stage-签约').click();
    await page.getByRole('dialog').getByPlaceholder(/备注/).fill('签约仪式');
    await page.getByRole('dialog').getByRole('button', { name: /确\s*认/ }).click();
    await page.getByText(/已进入「签约」阶段/).waitFor();
    await project.getByTestId('stage-开工').waitFor();
    await shot(page, '06-operator-projects');
    expect((await leadDetail(leadId)).stage).toBe('签约');

    await page.getByRole('link', { name: '答复时限' }).click();
    await page.getByTestId('deadline-table').waitFor();
    await shot(page, '07-operator-deadlines');
    await page.context().close();
  });

  it('manager: dashboard charts, the no-fit list, duplicates, sharing records and park revision preview', async () => {
    await p.drain();
    const page = await signIn('manager');
    await page.waitForURL('**/dashboard');
    for (const id of ['chart-board-sector', 'chart-funnel', 'chart-acceptance', 'chart-fit']) await page.getByTestId(id).locator('canvas').waitFor();
    await expect(page.getByTestId('park-stats').innerText()).resolves.toContain('南通高新区');
    await shot(page, '08-manager-dashboard');

    await page.getByRole('link', { name: '无匹配研判' }).click();
    await page.getByTestId('nofit-table').getByText('连锁烘焙').waitFor();
    await shot(page, '09-manager-no-fit');

    await page.getByRole('link', { name: '项目撞车' }).click();
    const dup = page.getByTestId('duplicates-table').locator('tbody tr', { hasText: '江苏锦程新材料科技有限公司' }).first();
    await dup.waitFor();
    // The same list on a phone: the table scrolls inside its card, the page does not scroll sideways.
    const phone = await openSignedIn(browser, p.url, 'manager', VIEWPORTS.phone, pageErrors);
    await phone.goto(p.url + '/duplicates');
    await phone.getByTestId('duplicates-table').locator('tbody tr', { hasText: '江苏锦程新材料科技有限公司' }).first().waitFor();
    expect(await pageWidth(phone)).toBeLessThanOrEqual(VIEWPORTS.phone.width);
    await shot(phone, '10-manager-duplicates-phone');
    await phone.context().close();
    await dup.getByTestId('settle-duplicate').click();
    await page.getByRole('dialog').getByPlaceholder(/同一企业同一项目/).fill('同一企业同一项目，如皋先报');
    await page.getByRole('dialog').getByRole('button', { name: /提交裁定/ }).click();
    await page.getByText('已裁定；两条线索均保留').waitFor();
    await shot(page, '10-manager-duplicates');

    await page.getByRole('link', { name: '利益共享记录' }).click();
    await page.getByText('全部').first().waitFor().catch(() => undefined);
    await page.goto(p.url + '/sharing?status=proposed');
    const rec = page.getByTestId('sharing-table').locator('tbody tr', { hasText: '江苏芯能碳化硅科技有限公司' });
    await rec.waitFor();
    await rec.click();
    await page.getByTestId('sharing-detail').waitFor();
    await expect(page.getByTestId('sharing-detail').innerText()).resolves.toContain('海安市');
    await shot(page, '11-manager-sharing');
    await page.keyboard.press('Escape');

    await page.getByRole('link', { name: '共享考核汇总' }).click();
    await page.getByText('全市合计（项目数值只计一次）').waitFor();
    await shot(page, '12-manager-sharing-totals');

    await page.goto(p.url + `/parks/${parkId}`);
    await page.getByTestId('add-direction').click();
    await page.getByTestId('direction-' + ((await page.locator('[data-testid^=direction-]').count()) - 1)).fill('烘焙食品（中央工厂、冷链配送）');
    await page.getByTestId('preview-revision').click();
    await page.getByTestId('revision-preview').waitFor();
    await expect(page.getByTestId('revision-preview').innerText()).resolves.toMatch(/比对的未结线索/);
    await shot(page, '13-manager-park-revision');
    await page.context().close();
  });
});
