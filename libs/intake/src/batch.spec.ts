import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BatchFileError, readBatch, resolveHeader, type RowResult, type SheetRow } from './batch.js';
import { readCsvLeads } from './csv.js';
import { leadTemplateCsv, leadTemplateXlsx } from './template.js';
import { readXlsxLeads } from './xlsx.js';

const context = { originBoard: 'haian', submitter: 'u-1' };
const DESC = '拟投资建设碳化硅功率器件封装测试产线，配套新能源汽车';

async function collect(batch: AsyncIterable<RowResult>): Promise<RowResult[]> {
  const out: RowResult[] = [];
  for await (const r of batch) out.push(r);
  return out;
}

function csvStream(text: string | Buffer): Readable {
  return Readable.from([typeof text === 'string' ? Buffer.from(text, 'utf8') : text]);
}

async function* sheet(rows: string[][]): AsyncGenerator<SheetRow> {
  let n = 0;
  for (const cells of rows) yield { row: ++n, cells };
}

describe('resolveHeader', () => {
  it('matches Chinese headers, English aliases and full-width variants', () => {
    const { columns, unknown } = resolveHeader(['企业名称', 'CREDIT_CODE', '项目描述', '用地（亩）', '备注']);
    expect(columns).toEqual({ company: 0, creditCode: 1, description: 2, landMu: 3 });
    expect(unknown).toEqual(['备注']);
  });

  it('rejects a file without the description column, listing the expected headers', () => {
    expect(() => resolveHeader(['企业名称', '投资额'])).toThrow(/缺少必填列：项目描述.*企业名称、统一社会信用代码、项目描述/);
  });

  it('rejects a column given twice', () => {
    expect(() => resolveHeader(['项目描述', 'description'])).toThrow(BatchFileError);
  });
});

describe('readBatch', () => {
  it('keeps good rows, reports bad rows with their sheet row number, skips and counts blank rows', async () => {
    const batch = readBatch(
      sheet([['项目描述', '投资额', '投资额单位', '备注'], [DESC, '5', '亿元', 'x'], ['', '', '', ''], ['太短', '', '', ''], [DESC, '3000万元', '', '']]),
      { context },
    );
    const rows = await collect(batch);
    expect(rows.map((r) => [r.row, r.ok])).toEqual([[2, true], [4, false], [5, true]]);
    expect(rows[1]).toMatchObject({ ok: false, errors: [{ field: 'description', message: expect.stringContaining('项目描述至少需要 10 个字') }] });
    expect(batch.summary).toMatchObject({ rows: 3, accepted: 2, rejected: 1, blank: 1, done: true });
    expect(batch.summary.warnings).toEqual([expect.objectContaining({ code: 'unknown-columns', columns: ['备注'] })]);
  });

  it('reports rows past the limit one by one instead of dropping them', async () => {
    const rows = [['项目描述'], ...Array.from({ length: 5 }, () => [DESC])];
    const batch = readBatch(sheet(rows), { context, maxRows: 3 });
    const out = await collect(batch);
    expect(out.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(out[3]).toMatchObject({ row: 5, errors: [{ field: 'row', message: expect.stringContaining('超过单个文件 3 行的上限') }] });
    expect(batch.summary).toMatchObject({ rows: 5, accepted: 3, rejected: 2, overLimit: 2 });
  });

  it('counts gaps in row numbers (rows an XLSX reader skips) as blank rows', async () => {
    async function* gappy(): AsyncGenerator<SheetRow> {
      yield { row: 1, cells: ['项目描述'] };
      yield { row: 4, cells: [DESC] };
    }
    const batch = readBatch(gappy(), { context });
    expect((await collect(batch)).map((r) => r.row)).toEqual([4]);
    expect(batch.summary.blank).toBe(2);
  });

  it('puts contact errors under the column name and ignores a unit without an amount', async () => {
    const out = await collect(
      readBatch(sheet([['项目描述', '投资额单位', '联系人', '联系电话'], [DESC, '万元', '', '12345']]), { context }),
    );
    expect(out[0]).toMatchObject({
      ok: false,
      errors: [
        { field: 'contactName', message: '联系人姓名不能为空' },
        { field: 'contactPhone', message: expect.stringContaining('联系电话“12345”格式不对') },
      ],
    });
  });

  it('reports the template example row instead of importing it', async () => {
    const out = await collect(readCsvLeads(csvStream(leadTemplateCsv()), { context }));
    expect(out).toEqual([{ row: 2, ok: false, errors: [{ field: 'row', message: expect.stringContaining('示例行') }], source: expect.arrayContaining([['项目描述', expect.any(String)]]) }]);
  });

  it('fails on an empty file with the expected headers', async () => {
    await expect(collect(readBatch(sheet([]), { context }))).rejects.toThrow(/文件是空的/);
  });
});

describe('readCsvLeads', () => {
  it('reads a BOM-prefixed file with English headers, quoted commas and line breaks', async () => {
    const text = `\uFEFFdescription,company,amount,amount_unit,channel\r\n"${DESC}，第一期, ""重点""\n第二行",某某有限公司,1.5,亿,产业链\r\n${DESC},,500万美元,,资本\r\n`;
    const out = await collect(readCsvLeads(csvStream(text), { context }));
    expect(out).toEqual([
      {
        row: 2,
        ok: true,
        lead: expect.objectContaining({ description: `${DESC}，第一期, "重点"\n第二行`, amount: { value: 1.5, unit: '亿元' }, channel: '产业链招商' }),
      },
      { row: 3, ok: true, lead: expect.objectContaining({ amount: { value: 500, unit: '万美元' }, channel: '资本招商' }) },
    ]);
  });

  it('recognises an XLSX uploaded as CSV', async () => {
    const xlsx = await leadTemplateXlsx();
    await expect(collect(readCsvLeads(csvStream(xlsx), { context }))).rejects.toMatchObject({ code: 'wrong-format' });
  });

  it('keeps rows before an unclosed quote and names the row where it opened', async () => {
    const text = `项目描述,企业名称\n${DESC},A\n${DESC},"B\n${DESC},C\n`;
    const seen: RowResult[] = [];
    const error = await (async () => {
      try {
        for await (const r of readCsvLeads(csvStream(text), { context })) seen.push(r);
      } catch (e) {
        return e;
      }
    })();
    expect(seen.map((r) => r.row)).toEqual([2]);
    expect(error).toMatchObject({ code: 'malformed-csv', row: 3, message: expect.stringContaining('第 3 行有未闭合的双引号') });
  });

  it('reports a file missing the description column before any row', async () => {
    await expect(collect(readCsvLeads(csvStream('企业名称,投资额\nA,1\n'), { context }))).rejects.toMatchObject({ code: 'missing-columns', row: 1 });
  });
});

describe('readXlsxLeads', () => {
  async function xlsx(rows: unknown[][]): Promise<Readable> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('线索');
    for (const r of rows) ws.addRow(r);
    wb.addWorksheet('其他').addRow(['项目描述']);
    return Readable.from([Buffer.from(await wb.xlsx.writeBuffer())]);
  }

  it('reads the first sheet, converting numbers, rich text and formulas to text', async () => {
    const input = await xlsx([
      ['项目描述', '投资额', '投资额单位', '联系人', '联系电话', '联系邮箱'],
      [{ richText: [{ text: DESC.slice(0, 8) }, { text: DESC.slice(8) }] }, { formula: '2+3', result: 5 }, '亿元', '张三', 13812345678, { text: 'a@b.cn', hyperlink: 'mailto:a@b.cn' }],
      [],
      ['短'],
    ]);
    const batch = readXlsxLeads(input, { context });
    const out = await collect(batch);
    expect(out[0]).toEqual({
      row: 2,
      ok: true,
      lead: expect.objectContaining({ description: DESC, amount: { value: 5, unit: '亿元' }, contacts: [{ name: '张三', phone: '13812345678', email: 'a@b.cn' }] }),
    });
    expect(out[1]).toMatchObject({ row: 4, ok: false });
    expect(batch.summary).toMatchObject({ accepted: 1, rejected: 1, blank: 1 });
  });

  it('turns a file that is not a workbook into a file-level error', async () => {
    await expect(collect(readXlsxLeads(csvStream('项目描述\n这不是一个 xlsx 文件\n'), { context }))).rejects.toMatchObject({ code: 'not-xlsx' });
  });

  it('reads the downloadable template and reports its example row', async () => {
    const out = await collect(readXlsxLeads(Readable.from([await leadTemplateXlsx()]), { context }));
    expect(out).toEqual([{ row: 2, ok: false, errors: [{ field: 'row', message: expect.stringContaining('示例行') }], source: expect.arrayContaining([['项目描述', expect.any(String)]]) }]);
  });
});
