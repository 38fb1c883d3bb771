import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserPlatformForSuite, openSignedIn, SCREENSHOTS, VIEWPORTS } from '../support/browser.js';

/** 园区补链 on the 产业招商图谱 page (issue 14): a park uploads its firms and sees which chain nodes they cover and which are gaps. */

const { p, browser } = browserPlatformForSuite();
const pageErrors: string[] = [];

// each window works on its own park, so each starts from a park with no firm list
const PARK = { desk: { id: 'rudong-dz', name: '如东开发区' }, phone: { id: 'nantong-hitech', name: '南通高新区' } } as const;

describe.each(Object.entries(VIEWPORTS))('园区补链 in headless Chromium (%s)', (name, viewport) => {
  const park = PARK[name as keyof typeof PARK];
  it("the park's operator uploads its firm list, bad rows named by row, and sees covered nodes and gaps", async () => {
    const file = join(process.env.TEST_TMP_ROOT ?? '/tmp', `firms-${name}.csv`);
    writeFileSync(file, [
      '企业名称,统一社会信用代码,经营范围,主营产品',
      `如东晶科装备${name}有限公司,,半导体专用设备的研发与制造,刻蚀设备、CVD薄膜沉积设备`,
      `如东车电${name}有限公司,,汽车电子产品的研发与生产,主驱逆变器、座舱域控制器`,
      ',,光刻胶,',
    ].join('\n'));
    const page = await openSignedIn(browser, p.url, `operator-${park.id}`, viewport, pageErrors);
    await page.goto(p.url + '/industry-map');
    const card = page.getByTestId('park-chain');
    const row = (label: string) => card.getByTestId('chain-table').locator('tbody tr').filter({ has: page.getByText(label, { exact: true }) });
    await row('半导体设备').getByText('补链缺口').waitFor();
    await page.locator('input[type=file]').setInputFiles(file);
    await card.getByTestId('firms-result').getByText('已导入 2 家企业，错误 1 行').waitFor();
    await card.getByText('第 4 行：企业名称为空').waitFor();
    await row('半导体设备').getByText('已覆盖').waitFor();
    await row('半导体设备').getByText(`如东晶科装备${name}有限公司`).waitFor();
    await row('半导体材料').getByText('补链缺口').waitFor();
    await card.getByText(`当前名单：firms-${name}.csv，2 家`).waitFor();
    if (viewport.width < 500) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: join(SCREENSHOTS, `40-park-chain-operator-${name}.png`), fullPage: true });
    await page.context().close();
  });

  it('the manager picks a park on the city map and sees its chain', async () => {
    const page = await openSignedIn(browser, p.url, 'manager', viewport, pageErrors);
    await page.goto(p.url + '/industry-map');
    const card = page.getByTestId('park-chain');
    await card.getByTestId('chain-park').click();
    await page.keyboard.type(park.name);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: park.name }).first().click();
    await card.getByTestId('chain-table').locator('tbody tr').filter({ has: page.getByText('半导体设备', { exact: true }) }).getByText('已覆盖').waitFor();
    await card.getByTestId('chain-summary').getByText('第三代半导体').waitFor();
    if (viewport.width < 500) expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(viewport.width);
    await card.screenshot({ path: join(SCREENSHOTS, `41-park-chain-manager-${name}.png`) });
    await page.context().close();
    expect(pageErrors).toEqual([]);
  });
});
