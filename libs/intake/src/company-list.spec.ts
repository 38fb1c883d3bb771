import { Readable } from 'node:stream';
import { BatchFileError } from './batch.js';
import { companyListRows, readCompanyRows, type CompanyRowResult } from './company-list.js';

async function read(csv: string): Promise<CompanyRowResult[]> {
  const out: CompanyRowResult[] = [];
  for await (const r of readCompanyRows(await companyListRows(Readable.from([Buffer.from(csv)]), 'csv'))) out.push(r);
  return out;
}

describe('readCompanyRows reads a company list with row numbers', () => {
  it('keeps good rows, reports bad ones by row and field, skips blank rows', async () => {
    const rows = await read(
      '企业名称,统一社会信用代码,经营范围,主营产品,近期投资或扩产,来源\n' +
        '江苏某碳化硅科技有限公司,91320600MA1XXXXXXX,碳化硅衬底研发,SiC外延片,拟扩产6英寸线,行业协会名单\n' +
        ',,,,,\n' +
        ',,半导体,,,\n' +
        '南通某食品有限公司,,,,,\n' +
        '上海某氢能科技有限公司,,燃料电池电堆研发生产,膜电极,,数据服务商\n',
    );
    expect(rows.map((r) => [r.row, r.ok])).toEqual([[2, false], [4, false], [5, false], [6, true]]);
    expect(rows[0]).toMatchObject({ ok: false, errors: [{ field: 'creditCode' }] });
    expect(rows[1]).toMatchObject({ ok: false, errors: [{ field: 'name', message: '企业名称为空' }] });
    expect(rows[2]).toMatchObject({ ok: false, errors: [{ field: 'scope', message: '经营范围与主营产品都为空，无法匹配园区方向' }] });
    expect(rows[3]).toEqual({ row: 6, ok: true, company: { name: '上海某氢能科技有限公司', scope: '燃料电池电堆研发生产', products: '膜电极', source: '数据服务商' } });
  });

  it('a file without a 企业名称 column is refused as a whole, naming the header it expects', async () => {
    await expect(read('公司,地址\n甲,乙\n')).rejects.toThrow(BatchFileError);
    await expect(read('name,scope\n')).resolves.toEqual([]);
    await expect(read('企业名称,地址\n甲,乙\n')).rejects.toThrow('至少要有“经营范围”或“主营产品”');
  });
});
