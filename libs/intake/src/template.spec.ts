import ExcelJS from 'exceljs';
import { LEAD_COLUMNS } from './columns.js';
import { parseLeadInput } from './lead-input.js';
import { rowToRaw, resolveHeader } from './batch.js';
import { HELP_SHEET, leadTemplateCsv, leadTemplateXlsx, TEMPLATE_SHEET } from './template.js';

describe('leadTemplateCsv', () => {
  it('starts with a BOM and has the Chinese headers and one example row', () => {
    const csv = leadTemplateCsv();
    expect(csv.startsWith('\uFEFF企业名称,统一社会信用代码,项目描述,')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2);
  });
});

describe('the template example row', () => {
  it('would be a valid lead (so the example teaches valid input)', () => {
    const { columns } = resolveHeader(LEAD_COLUMNS.map((c) => c.header));
    const raw = rowToRaw(LEAD_COLUMNS.map((c) => c.example), columns, { originBoard: 'haian', submitter: 'u' });
    expect(parseLeadInput(raw)).toMatchObject({ ok: true });
  });
});

describe('leadTemplateXlsx', () => {
  it('has the headers and example on the first sheet and one explanation per column on 说明', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await leadTemplateXlsx()) as never);
    const [sheet, help] = wb.worksheets;
    expect(sheet!.name).toBe(TEMPLATE_SHEET);
    expect(help!.name).toBe(HELP_SHEET);
    expect((sheet!.getRow(1).values as unknown[]).slice(1)).toEqual(LEAD_COLUMNS.map((c) => c.header));
    expect((sheet!.getRow(2).values as unknown[]).slice(1)).toEqual(LEAD_COLUMNS.map((c) => c.example));
    for (const [i, c] of LEAD_COLUMNS.entries()) {
      expect(help!.getRow(i + 2).getCell(1).value).toBe(c.header);
      expect(help!.getRow(i + 2).getCell(3).value).toBe(c.required ? '必填' : '可选');
    }
  });
});
