import type { Page } from 'playwright-core';
import { browserPlatformForSuite, chooseOption, openSignedIn, screenshotPage, VIEWPORTS } from '../support/browser.js';
import { acceptFirstOffer, lead } from '../support/leads.js';

/**
 * Benefit sharing finished in the console (issue 13): the manager negotiates terms (field errors next to their
 * field), approves, enters 指标数值 in 万元, and 共享考核汇总 shows them; on a phone, a second value and an
 * amendment. Screenshots at 1440×900 and 390×844 in tests/output/screenshots/sharing-*.png.
 */
const BOARD = 'jiafang';

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];
let recordId: string;
let projectName: string;
let parkId: string;
let leadId: string;

const open = (viewport: keyof typeof VIEWPORTS): Promise<Page> => openSignedIn(browser, p.url, 'manager', VIEWPORTS[viewport], pageErrors);

const shot = (page: Page, name: string) => screenshotPage(page, `sharing-${name}`);

const scrollWidth = async (page: Page): Promise<number> => {
  const w = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  // On failure, name the elements that stick out so the culprit is obvious.
  if (w > 390) console.log(await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > 392).slice(0, 12).map((e) => e.tagName + '.' + String(e.className).slice(0, 60))`));
  return w;
};

async function openRecord(page: Page, status: string) {
  await page.goto(`${p.url}/sharing?status=${status}`);
  await page.getByTestId('sharing-table').getByText(projectName).first().click();
  await page.getByTestId('sharing-detail').waitFor();
}

beforeAll(async () => {
  leadId = (await p.call('POST', '/api/leads', lead('sic', BOARD), { as: `promoter:${BOARD}` })).body.id;
  await p.drain();
  const accepted = await acceptFirstOffer(p, leadId);
  parkId = accepted.parkId;
  recordId = accepted.sharingRecordId!;
  projectName = (await p.call('GET', `/api/sharing-records/${recordId}`, undefined, { as: 'manager' })).body.record.projectName;
}, 180_000);

describe('利益共享 screens in headless Chromium (PGlite)', () => {
  it('at 1440×900 the manager negotiates terms, approves, enters 指标数值 in 万元 and 共享考核汇总 shows them', async () => {
    const page = await open('desk');
    await openRecord(page, 'proposed');
    await page.getByTestId('sharing-terms').click();
    const form = page.getByTestId('terms-form');
    // 税收 95% and no 协议文号: the server's refusals land next to those two fields.
    await form.getByLabel('税收来源份额').fill('95');
    await form.getByTestId('terms-submit').click();
    const taxError = form.getByTestId('credit-tax').locator('.ant-form-item-explain-error');
    await taxError.getByText(/超出政策允许范围/).waitFor();
    await form.locator('.ant-form-item').filter({ hasText: '协议文号' }).locator('.ant-form-item-explain-error').getByText(/须填写协议文号/).waitFor();
    await shot(page, 'terms-errors-desk');

    await form.getByLabel('税收来源份额').fill('40');
    await form.getByLabel('收益分成比例').fill('20');
    await form.getByPlaceholder(/海安-如东/).fill('家纺-海安〔2026〕3号');
    await form.getByTestId('terms-submit').click();
    await page.getByText('条款已保存，须双方板块重新确认').waitFor();
    await page.getByTestId('sharing-detail').getByText('协商协议 家纺-海安〔2026〕3号').waitFor();
    await page.getByTestId('sharing-detail').getByText(/税收：分算 40%:60%/).waitFor();
    const saved = (await p.call('GET', `/api/sharing-records/${recordId}`, undefined, { as: 'manager' })).body.record.terms;
    expect([saved.source, saved.credit.tax, saved.revenueShare.originBp]).toEqual(['negotiated', expect.objectContaining({ mode: 'split', originBp: 4000, receiverBp: 6000 }), 2000]);

    // The two boards confirm on their own screens (not this test's subject); then the manager approves here.
    expect((await p.call('POST', `/api/sharing-records/${recordId}/confirm`, {}, { as: `promoter:${BOARD}` })).status).toBe(200);
    expect((await p.call('POST', `/api/sharing-records/${recordId}/confirm`, {}, { as: `operator:${parkId}` })).status).toBe(200);
    await openRecord(page, 'confirmed');
    await page.getByTestId('sharing-approve').click();
    await page.getByRole('dialog').getByRole('button', { name: /提\s*交/ }).click();
    await page.getByText('已批准').first().waitFor();
    expect((await p.call('POST', `/api/parks/${parkId}/leads/${leadId}/stage`, { stage: '签约' }, { as: `operator:${parkId}` })).status).toBe(200);

    await openRecord(page, 'effective');
    await page.getByTestId('sharing-values').click();
    const values = page.getByTestId('indicator-form');
    await values.getByLabel('数值（万元）').fill('12.345678');
    await values.getByTestId('indicator-submit').click();
    await values.locator('.ant-form-item').filter({ hasText: '数值（万元）' }).locator('.ant-form-item-explain-error').getByText(/最多 4 位小数/).waitFor();
    await shot(page, 'values-error-desk');
    await values.getByLabel('数值（万元）').fill('200000.5');
    await values.getByTestId('indicator-submit').click();
    await page.getByText('已填报签约额').waitFor();
    await page.getByTestId('sharing-detail').locator('xpath=following::table[1]').getByText('200,000.5').waitFor();

    await page.goto(`${p.url}/sharing/totals`);
    const row = page.locator('tr').filter({ hasText: '南通国际家纺产业园区' });
    await row.getByText('200,000.5').waitFor();
    await shot(page, 'totals-desk');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });

  it('at 390×844 the manager adds a 税收 value and proposes an amendment, without sideways scrolling', async () => {
    const page = await open('phone');
    await openRecord(page, 'effective');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await page.getByTestId('sharing-values').click();
    const values = page.getByTestId('indicator-form');
    await chooseOption(page, values.getByTestId('indicator-select'), '税收');
    await values.getByLabel('数值（万元）').fill('100');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'values-phone');
    await values.getByTestId('indicator-submit').click();
    await page.getByText('已填报税收').waitFor();

    await page.getByTestId('sharing-amend').click();
    const form = page.getByTestId('terms-form');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'amend-phone');
    await form.getByText('恢复默认规则').click();
    await form.getByTestId('terms-submit').click();
    await form.locator('.ant-form-item-explain-error').getByText('请填写变更原因').waitFor();
    await form.getByLabel('变更原因').fill('双方协商改回默认规则');
    await form.getByTestId('terms-submit').click();
    await page.getByText(/已发起变更/).or(page.getByTestId('terms-alert')).first().waitFor();
    expect(await page.getByTestId('terms-alert').count() ? await page.getByTestId('terms-alert').innerText() : '').toBe('');
    const list = (await p.call('GET', '/api/sharing-records?includeSuperseded=true', undefined, { as: 'manager' })).body.items.filter((x: any) => x.projectName === projectName);
    expect(list.map((x: any) => [x.version, x.status])).toEqual(expect.arrayContaining([[1, 'effective'], [2, 'proposed']]));

    await page.goto(`${p.url}/sharing/totals`);
    await page.locator('tr').filter({ hasText: '南通国际家纺产业园区' }).getByText('200,000.5').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    await shot(page, 'totals-phone');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
