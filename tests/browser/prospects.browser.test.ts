import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserPlatformForSuite, openSignedIn, SCREENSHOTS } from '../support/browser.js';

/** 招商对象 through the console (issue 14): a park uploads a company list, sees it ranked, turns the best into a lead, dismisses another. */

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];

describe.each([['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]] as const)('招商对象 in headless Chromium (%s)', (name, viewport) => {
  it('the park uploads a list, sees the companies ranked with reasons, turns one into a lead and dismisses one with a reason', async () => {
    const file = join(process.env.TEST_TMP_ROOT ?? '/tmp', `prospects-${name}.csv`);
    writeFileSync(file, [
      '企业名称,统一社会信用代码,经营范围,主营产品,近期投资或扩产,来源',
      `江苏澜芯碳化硅${name}有限公司,,碳化硅衬底与外延片的研发、生产和销售,6英寸SiC外延片、车规级SiC MOSFET功率模块,拟扩产8英寸线,第三代半导体产业联盟`,
      `南通稻香烘焙${name}有限公司,,糕点、面包的生产与销售,面包、蛋糕,,数据服务商A`,
      ',,半导体,,,',
    ].join('\n'));
    const phone = viewport.width < 500;
    const page = await openSignedIn(browser, p.url, 'operator-rudong-dz', viewport, pageErrors);
    await page.goto(p.url + '/prospects');
    await page.locator('input[type=file]').setInputFiles(file);
    const progress = page.getByTestId('prospect-progress');
    await progress.getByText(/入库 2 家，错误 1 行，已评分 2 家，已完成/).waitFor();
    await progress.getByText('第 4 行：企业名称为空').waitFor();
    const table = page.getByTestId('prospects-table');
    const rows = table.locator('tbody tr');
    await rows.first().getByText(`江苏澜芯碳化硅${name}有限公司`).waitFor();
    await rows.first().getByText(/第三代半导体/).first().waitFor();
    if (phone) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: join(SCREENSHOTS, `33-prospects-${name}.png`), fullPage: true });

    await page.getByTestId('to-lead-2').first().click();
    await page.getByText(/已转为线索/).waitFor();
    await page.getByTestId('dismiss-3').first().click();
    await page.getByPlaceholder(/忽略原因/).fill('不属于本园区主攻方向');
    await page.getByTestId('dismiss-confirm').click();
    await page.getByText(`已忽略 南通稻香烘焙${name}有限公司`).waitFor();

    const leads = await p.call('GET', '/api/leads?board=rudong', undefined, { as: 'promoter:rudong' });
    expect(leads.body.items.map((l: any) => l.company)).toContain(`江苏澜芯碳化硅${name}有限公司`);
    const dismissed = await p.call('GET', '/api/parks/rudong-dz/prospects?status=dismissed', undefined, { as: 'operator:rudong-dz' });
    expect(dismissed.body.items.map((x: any) => x.dismissReason)).toContain('不属于本园区主攻方向');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  });
});
