import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { readAll } from './testing/batch.js';
import { cellText, readXlsxLeads } from './xlsx.js';

const context = { originBoard: 'netda', submitter: 'u-3' };

/** Write a workbook with the streaming writer, as a large upload would have been produced. */
async function workbook(rows: (i: number) => unknown[], count: number, header: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet('招商线索');
  ws.addRow(header).commit();
  for (let i = 1; i <= count; i++) ws.addRow(rows(i)).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

describe('readXlsxLeads on large files', () => {
  it('reports the one malformed row of 10,000 by its sheet row number and keeps the other 9,999', async () => {
    const badIndex = 7777; // data row 7777 → sheet row 7778
    const buffer = await workbook(
      (i) => [`企业${i}有限公司`, `第 ${i} 号项目：生物医药研发与中试基地`, i === badIndex ? '-3' : 2000 + i, '万元', i % 3 === 0 ? '科技' : '平台招商'],
      10_000,
      ['企业名称', '项目描述', '投资额', '投资额单位', '招商渠道'],
    );
    const batch = readXlsxLeads(Readable.from([buffer]), { context });
    const { good, bad } = await readAll(batch);
    expect(good).toBe(9_999);
    expect(bad).toEqual([{ row: 7778, ok: false, errors: [{ field: 'amount', message: '投资额不能为负数' }], source: expect.any(Array) }]);
    expect(batch.summary).toMatchObject({ rows: 10_000, accepted: 9_999, rejected: 1, done: true });
  });
});

describe('cellText', () => {
  it.each([
    [null, ''],
    [3000, '3000'],
    [1.5, '1.5'],
    [true, 'TRUE'],
    [new Date('2024-05-01T00:00:00Z'), '2024-05-01'],
    [{ richText: [{ text: '碳化硅' }, { text: '器件' }] }, '碳化硅器件'],
    [{ formula: 'A1*2', result: 42 }, '42'],
    [{ formula: 'A1*2' }, ''],
    [{ text: 'a@b.cn', hyperlink: 'mailto:a@b.cn' }, 'a@b.cn'],
    [{ error: '#N/A' }, '#N/A'],
  ])('turns %p into %p', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});
